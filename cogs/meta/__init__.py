from discord.ext import commands

from cogs.meta._cog import Meta


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Meta(bot))
