# syntax=docker/dockerfile:1
#
# One Dockerfile for every stage of the workshop's app. The build argument APP picks the
# executable: simple-app, redis-app, instrumented-app (the reference) or workshop-app.
#
#   docker build --build-arg APP=redis-app -t infraobs/redis-app .
#   docker run -d -p 9000:9000 -e REDIS_HOST=redis infraobs/redis-app
#
# The image listens on HTTP_PORT, 9000 unless told otherwise; docker-compose.yml gives workshop-app
# HTTP_PORT=9001, the port the student's app uses everywhere (`swift run workshop-app` too).

# ---- build stage: the Swift toolchain plus the hiredis headers --------------------------------
# slide:dockerfile-build
FROM swift:6.3.1-noble AS build

RUN export DEBIAN_FRONTEND=noninteractive \
    && apt-get -q update \
    && apt-get -q install -y --no-install-recommends libhiredis-dev \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /build

# Dependencies first: this layer is rebuilt only when the manifest changes, not on every edit
# of the sources. `swift package resolve` reads the manifest alone.
COPY Package.swift ./
RUN swift package resolve

# Then the sources (.dockerignore keeps build folders and other local files out).
COPY . .

ARG APP=instrumented-app
RUN swift build -c release --product "$APP" --static-swift-stdlib \
    && mkdir -p /staging \
    && cp "$(swift build -c release --show-bin-path)/$APP" /staging/app
# end-slide

# ---- run stage: Ubuntu 24.04 with the hiredis runtime library only ---------------------------
# slide:dockerfile-run
FROM ubuntu:24.04

RUN export DEBIAN_FRONTEND=noninteractive \
    && apt-get -q update \
    && apt-get -q install -y --no-install-recommends libhiredis1.1.0 ca-certificates \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build --chown=app:app /staging/app /app/app

USER app:app

# Inside a container the server must listen on every interface: 127.0.0.1 would only be
# reachable from inside the container itself.
ENV HTTP_HOST=0.0.0.0 \
    HTTP_PORT=9000 \
    LOG_LEVEL=info
EXPOSE 9000
# end-slide

# GET / through bash's /dev/tcp: the slim image has no curl or wget, and this needs neither.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${HTTP_PORT:-9000} && printf 'GET / HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

ENTRYPOINT ["/app/app"]
