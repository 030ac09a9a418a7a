from __future__ import annotations

from typing import TYPE_CHECKING

from cogs.strategies._cog import Strategies

if TYPE_CHECKING:
    from bot.bot import Tastybot


async def setup(bot: Tastybot) -> None:
    await bot.add_cog(Strategies(bot))
