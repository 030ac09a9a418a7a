from discord.ext import commands

from cogs.errors._cog import ErrorHandler


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(ErrorHandler(bot))
