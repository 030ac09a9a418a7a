"""The order's buttons: Confirm/Cancel on a preview, one button per choice on a question, and
the pager of `/orders`. Only the trader whose order it is may press them; another member is
refused and nothing changes. Every press goes to the service, which decides (a second
Confirm is refused there, not here)."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol

import discord

from cogs._views import OwnedView
from cogs.orders._embeds import (
    CHATTER_HINT,
    line_embed,
    line_label,
    placement_embed,
    preview_embed,
    question_embed,
    stopped_embed,
)
from cogs.portfolio._views import ListPager
from services.errors import TastybotError
from services.orders._model import Choice, Preview, Question
from services.orders.confirmation import Placement, cancel_preview
from services.orders.queries import OrderLine

if TYPE_CHECKING:
    from services.orders import OrderContext
    from services.orders.pipeline import SubmitOutcome
    from services.orders.workers import OrderSteps
    from services.portfolio import Page

log = logging.getLogger(__name__)

QUESTION_TIMEOUT_SECONDS = 300.0
MIN_TIMEOUT_SECONDS = 1.0
MAX_CHOICE_BUTTONS = 20  # Discord allows 25 components; one row is kept for Cancel
LABEL_CHARS = 80  # Discord's limit for a button label
PLACING = "Placing the order at Tastytrade…"
CANCELLED = "Cancelled: nothing was sent to Tastytrade."
EXPIRED = "This preview expired: nothing was sent. Send the order again for a fresh preview."
NOT_YOURS = "This is someone else's order: only the trader who sent it can use these buttons."
SORRY = "Sorry, something went wrong on our side. If it keeps happening, quote reference `{}`."


class Desk(Protocol):
    """What the buttons need from the cog: the pipeline's context, what to do once an order
    was placed (follow its status, report an escalation to the server), and the payoff
    diagram a preview gets once it is shown."""

    def order_context(self) -> OrderContext: ...

    def orders(self) -> OrderSteps: ...

    async def after_placement(
        self, placement: Placement, message: Any, owner_id: int, guild_id: int | None
    ) -> None: ...

    def record_error(self) -> None: ...

    async def show_payoff(
        self, preview: Preview, message: discord.Message, owner_id: int
    ) -> None: ...


@dataclass
class Rendered:
    """A service outcome as a message: text, embeds and the buttons that go with it."""

    content: str | None = None
    embeds: list[discord.Embed] = field(default_factory=list)
    view: OrderView | None = None
    placement: Placement | None = None


def render_outcome(
    outcome: SubmitOutcome, *, owner_id: int, desk: Desk, guild_id: int | None
) -> Rendered:
    """How a service outcome is shown (the pipeline's result types, imported lazily: the
    pipeline loads the parser)."""
    from services.orders.pipeline import Asked, Chatter, Previewed, Stopped

    if isinstance(outcome, Chatter):
        return Rendered(content=CHATTER_HINT)
    if isinstance(outcome, Asked):
        return Rendered(
            embeds=[question_embed(outcome.order_id, outcome.question)],
            view=QuestionView(owner_id, outcome.order_id, outcome.question, desk, guild_id),
        )
    if isinstance(outcome, Stopped):
        return Rendered(embeds=[stopped_embed(outcome)])
    if isinstance(outcome, Previewed):
        preview = outcome.preview
        if outcome.placement is not None:  # auto-confirmed: already sent
            return Rendered(
                embeds=[preview_embed(preview), placement_embed(preview, outcome.placement)],
                placement=outcome.placement,
            )
        return Rendered(
            embeds=[preview_embed(preview)], view=PreviewView(owner_id, preview, desk, guild_id)
        )
    raise TypeError(f"not an order outcome: {type(outcome).__name__}")


class OrderView(OwnedView):
    """Buttons on one order: refuses other members, shows the service's refusals, and turns an
    unexpected failure into an apology with a reference id (logged with the traceback)."""

    refusal = NOT_YOURS

    def __init__(self, owner_id: int, desk: Desk, guild_id: int | None, *, timeout: float):
        super().__init__(owner_id, timeout=timeout)
        self.desk = desk
        self.guild_id = guild_id
        self.busy = False  # pressed once already: a further press only hears the service

    async def show(
        self,
        interaction: discord.Interaction[Any],
        *,
        content: str | None,
        embeds: list[discord.Embed],
        view: discord.ui.View | None,
    ) -> None:
        """Edit the order's message after the interaction was answered (work took a while)."""
        if self.message is not None:
            await self.message.edit(content=content, embeds=embeds, view=view)
        else:
            await interaction.edit_original_response(content=content, embeds=embeds, view=view)

    async def tell(self, interaction: discord.Interaction[Any], message: str) -> None:
        """A short private answer to whoever pressed (only they see it)."""
        try:
            await interaction.response.send_message(message, ephemeral=True)
        except discord.InteractionResponded:  # this press was answered already: follow up
            await interaction.followup.send(message, ephemeral=True)

    async def on_error(
        self, interaction: discord.Interaction[Any], error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        reference = secrets.token_hex(4)
        log.error(
            "order button %s failed (ref %s)",
            type(item).__name__,
            reference,
            exc_info=(type(error), error, error.__traceback__),
        )
        self.desk.record_error()
        try:
            await self.tell(interaction, SORRY.format(reference))
        except discord.HTTPException:
            log.info("could not tell the trader about ref %s", reference)


class PreviewView(OrderView):
    """Confirm or Cancel one preview, bound to its order id and confirm hash; the buttons
    grey out when the preview expires."""

    def __init__(self, owner_id: int, preview: Preview, desk: Desk, guild_id: int | None):
        left = (preview.expires_at - datetime.now(UTC)).total_seconds()
        super().__init__(owner_id, desk, guild_id, timeout=max(MIN_TIMEOUT_SECONDS, left))
        self.preview = preview
        self.placement: Placement | None = None
        self.presses = 0  # Confirm presses this view took (a double click is two)

    @discord.ui.button(label="Confirm", style=discord.ButtonStyle.success)
    async def confirm(
        self, interaction: discord.Interaction[Any], _button: discord.ui.Button[Any]
    ) -> None:
        """Every press asks the service; whichever press wins shows the placement on the
        message, any other hears the service's refusal privately."""
        first = not self.busy
        self.busy = True
        self.presses += 1
        if first:
            self.disable_all()
            await interaction.response.edit_message(
                content=PLACING, embeds=[preview_embed(self.preview)], view=self
            )
        try:
            placement = await self.desk.orders().confirm(
                self.owner_id, self.preview.order_id, self.preview.confirm_hash
            )
        except TastybotError as error:
            if self.presses > 1:  # another press of this preview is (or was) placing it
                await self.tell(interaction, error.user_message)
                return
            self.stop()
            await self.show(
                interaction,
                content=error.user_message,
                embeds=[preview_embed(self.preview)],
                view=self,
            )
            return
        self.placement = placement
        self.stop()
        await self.show(
            interaction, content=None, embeds=[placement_embed(self.preview, placement)], view=None
        )
        await self.desk.after_placement(placement, self.message, self.owner_id, self.guild_id)
        if not first:
            await self.tell(interaction, "Placed.")

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(
        self, interaction: discord.Interaction[Any], _button: discord.ui.Button[Any]
    ) -> None:
        try:
            await cancel_preview(self.desk.order_context(), self.owner_id, self.preview.order_id)
        except TastybotError as error:
            await self.tell(interaction, error.user_message)
            return
        self.busy = True
        self.disable_all()
        self.stop()
        await interaction.response.edit_message(
            content=CANCELLED, embeds=[preview_embed(self.preview)], view=self
        )

    async def on_timeout(self) -> None:
        self.disable_all()
        if self.message is None:
            return
        try:
            await self.message.edit(content=EXPIRED, view=self)
        except discord.HTTPException:  # deleted, or the interaction's edit window closed
            log.debug("could not mark an expired preview")


class ChoiceButton(discord.ui.Button["QuestionView"]):
    def __init__(self, number: int, choice: Choice) -> None:
        label = choice.label if len(choice.label) <= LABEL_CHARS else choice.label[:79] + "…"
        style = discord.ButtonStyle.primary if number == 0 else discord.ButtonStyle.secondary
        super().__init__(label=label or choice.value[:LABEL_CHARS], style=style)
        self.choice = choice

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        if self.view is not None:
            await self.view.answer(interaction, self.choice)


class QuestionCancel(discord.ui.Button["QuestionView"]):
    def __init__(self) -> None:
        super().__init__(label="Cancel", style=discord.ButtonStyle.danger, row=4)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        if self.view is not None:
            await self.view.cancel(interaction)


class QuestionView(OrderView):
    """One button per choice the pipeline offered, and Cancel; the answer goes on through
    the pipeline and this message then shows what came of it (another question, a preview
    or why it stopped)."""

    def __init__(
        self, owner_id: int, order_id: int, question: Question, desk: Desk, guild_id: int | None
    ):
        super().__init__(owner_id, desk, guild_id, timeout=QUESTION_TIMEOUT_SECONDS)
        self.order_id = order_id
        self.question = question
        self.next: Rendered | None = None
        for number, choice in enumerate(question.choices[:MAX_CHOICE_BUTTONS]):
            self.add_item(ChoiceButton(number, choice))
        self.add_item(QuestionCancel())

    async def answer(self, interaction: discord.Interaction[Any], choice: Choice) -> None:
        if self.busy:
            await self.tell(interaction, "That question was already answered.")
            return
        self.busy = True
        self.disable_all()
        await interaction.response.edit_message(
            content=f"Working on it: {discord.utils.escape_markdown(choice.label)}…", view=self
        )
        self.stop()
        try:
            outcome = await self.desk.orders().answer(
                self.owner_id, self.order_id, self.question.topic, choice.value
            )
        except TastybotError as error:
            await self.show(
                interaction,
                content=error.user_message,
                embeds=[question_embed(self.order_id, self.question)],
                view=self,
            )
            return
        rendered = render_outcome(
            outcome, owner_id=self.owner_id, desk=self.desk, guild_id=self.guild_id
        )
        self.next = rendered
        await self.show(
            interaction, content=rendered.content, embeds=rendered.embeds, view=rendered.view
        )
        if rendered.view is not None:
            rendered.view.message = self.message
        if rendered.placement is not None:
            await self.desk.after_placement(
                rendered.placement, self.message, self.owner_id, self.guild_id
            )

    async def cancel(self, interaction: discord.Interaction[Any]) -> None:
        try:
            await cancel_preview(self.desk.order_context(), self.owner_id, self.order_id)
        except TastybotError as error:
            await self.tell(interaction, error.user_message)
            return
        self.busy = True
        self.disable_all()
        self.stop()
        await interaction.response.edit_message(content=CANCELLED, view=self)


class OrderPager(ListPager[OrderLine]):
    """`/orders`: pages of the trader's orders, and one order's summary from the menu."""

    refusal = "These are someone else's orders; see yours with `/orders`."

    def __init__(self, owner_id: int, page: Page[OrderLine], *, load: Any, scope: str) -> None:
        from cogs.orders._embeds import orders_embed

        super().__init__(
            owner_id,
            page,
            load=load,
            render_page=lambda shown: orders_embed(shown, scope),
            render_item=line_embed,
            label=line_label,
        )
