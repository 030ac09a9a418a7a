from discord.ext import commands

from cogs.exports._cog import Exports


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Exports(bot))  # type: ignore[arg-type]
