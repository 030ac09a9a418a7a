FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin tastybot
WORKDIR /app

# Pinned, hashed dependencies first (a layer that changes only with the lock file).
COPY requirements/prod.lock ./requirements/prod.lock
RUN pip install --require-hashes -r requirements/prod.lock

# The application only: no simulator/, no simulated Discord (bot/demo.py, bot/discord_sim.py);
# .dockerignore keeps them out of the build context, so `pip install` cannot pick them up.
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY cogs ./cogs
COPY nlp ./nlp
COPY services ./services
COPY web_status ./web_status
RUN pip install --no-deps . && rm -rf /root/.cache

USER tastybot
ENV TASTYBOT_DATA_DIR=/home/tastybot/data \
    WEB_HOST=0.0.0.0 \
    WEB_PORT=8080
RUN mkdir -p /home/tastybot/data
VOLUME ["/home/tastybot/data"]
EXPOSE 8080

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD python -c "import os, sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('WEB_PORT', '8080'), timeout=4).status == 200 else 1)"

CMD ["tastybot", "run"]
