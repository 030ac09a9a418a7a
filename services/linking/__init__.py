"""Linking Tastytrade grants to traders: OAuth (start link, state, code exchange) and personal
grants, each verified by one real call before its secrets are stored encrypted; ``forget``;
and the detector for secrets pasted in chat. Plain values in and out; no Discord here."""

from services.linking._errors import (
    AuthorizationCodeRejectedError,
    ConsentDeniedError,
    GrantRejectedError,
    LinkStateError,
    MissingCodeError,
    NothingLinkedError,
    OtherBrowserError,
    StateExpiredError,
    StateReusedError,
    UnknownStateError,
    WrongUserError,
)
from services.linking._grants import (
    ForgetResult,
    LinkedEnvironment,
    LinkingContext,
    LinkResult,
    complete_oauth_link,
    forget,
    link_personal_grant,
    linked_environments,
)
from services.linking._oauth import (
    AUTHORIZE_PAGES,
    SCOPES,
    TokenGrant,
    authorize_url,
    exchange_code,
)
from services.linking._secrets import looks_like_secret
from services.linking._state import (
    STATE_TTL,
    PendingAuthorization,
    StartLink,
    begin_authorization,
    consume_state,
    create_start_link,
    is_token_shaped,
    state_owner,
)

__all__ = [
    "AUTHORIZE_PAGES",
    "SCOPES",
    "STATE_TTL",
    "AuthorizationCodeRejectedError",
    "ConsentDeniedError",
    "ForgetResult",
    "GrantRejectedError",
    "LinkResult",
    "LinkStateError",
    "LinkedEnvironment",
    "LinkingContext",
    "MissingCodeError",
    "NothingLinkedError",
    "OtherBrowserError",
    "PendingAuthorization",
    "StartLink",
    "StateExpiredError",
    "StateReusedError",
    "TokenGrant",
    "UnknownStateError",
    "WrongUserError",
    "authorize_url",
    "begin_authorization",
    "complete_oauth_link",
    "consume_state",
    "create_start_link",
    "exchange_code",
    "forget",
    "is_token_shaped",
    "link_personal_grant",
    "linked_environments",
    "looks_like_secret",
    "state_owner",
]
