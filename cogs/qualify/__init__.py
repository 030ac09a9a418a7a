from discord.ext import commands

from cogs.qualify._cog import Qualify


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Qualify(bot))  # type: ignore[arg-type]
