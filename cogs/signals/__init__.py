from __future__ import annotations

from typing import TYPE_CHECKING

from cogs.signals._cog import Signals

if TYPE_CHECKING:
    from bot.bot import Tastybot


async def setup(bot: Tastybot) -> None:
    await bot.add_cog(Signals(bot))
