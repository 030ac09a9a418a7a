from discord.ext import commands

from cogs.parsing._cog import Parsing


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Parsing(bot))
