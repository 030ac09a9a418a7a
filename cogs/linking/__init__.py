from discord.ext import commands

from cogs.linking._cog import Linking


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Linking(bot))  # type: ignore[arg-type]  # always a Tastybot
