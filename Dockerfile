# fisherman as a container: the shaded jar on a Java 21+ runtime, run as a non-root user.
#
#   make image                         builds fisherman:dev (falls back to a local jlink base when
#                                      BASE_IMAGE cannot be pulled; see bin/make-base-image)
#   docker run --read-only --network host -v /etc/fisherman:/etc/fisherman:ro fisherman:dev \
#     run --source cometbft --application pokt1...
#
# The entry point is `java` itself (exec form), so it is PID 1 and SIGTERM reaches the daemon's
# shutdown hook directly. Nothing is written to the root file system: the JVM's temporary files go
# to /tmp, which a read-only deployment mounts as a tmpfs (docker --tmpfs /tmp, or an emptyDir).
ARG BASE_IMAGE=eclipse-temurin:21-jre
FROM ${BASE_IMAGE}

COPY fisherman-daemon/target/fisherman.jar /opt/fisherman/fisherman.jar
COPY genesis/examples/mainnet-like.json /etc/fisherman/genesis.json

USER 65532:65532
WORKDIR /tmp
EXPOSE 8081
ENV JAVA_TOOL_OPTIONS="-XX:+ExitOnOutOfMemoryError -XX:MaxRAMPercentage=75 -XX:-UsePerfData"

HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["java", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-jar", "/opt/fisherman/fisherman.jar", "health"]

ENTRYPOINT ["java", "-jar", "/opt/fisherman/fisherman.jar"]
CMD ["run", "--genesis", "/etc/fisherman/genesis.json", "--source", "cometbft", "--admin", "127.0.0.1:8081"]
