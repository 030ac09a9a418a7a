from discord.ext import commands

from cogs.sync._cog import Sync


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Sync(bot))  # type: ignore[arg-type]
