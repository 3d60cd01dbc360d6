# MpEmulator image: the SDK image restores and publishes, the ASP.NET runtime image runs it as a non-root user.
# scripts/publish.sh runs the same restore/publish commands, starts the output the same way and runs the same health
# check, so CI tests this recipe on machines without a Docker engine.
#
# The .NET images come from Microsoft's container registry; pass its host name as DOTNET_REGISTRY (see README):
#   docker build --build-arg DOTNET_REGISTRY=<registry host> -t mpemulator .
#   docker run -p 8080:8080 -v mpemulator-data:/data mpemulator
ARG DOTNET_REGISTRY
FROM ${DOTNET_REGISTRY}/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY src/MpEmulator/MpEmulator.csproj src/MpEmulator/
RUN dotnet restore src/MpEmulator/MpEmulator.csproj
COPY src/ src/
RUN dotnet publish src/MpEmulator/MpEmulator.csproj -c Release -o /app --no-restore -p:UseAppHost=false

FROM ${DOTNET_REGISTRY}/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
COPY scripts/healthcheck.sh /app/healthcheck.sh
COPY fixtures/ /fixtures/
RUN mkdir -p /data && chown "$APP_UID" /data
USER $APP_UID
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=6s --start-period=10s --retries=3 CMD ["bash", "/app/healthcheck.sh", "8080"]
ENTRYPOINT ["dotnet", "MpEmulator.dll"]
# Listen on every interface inside the container; keep the LiteDB file on the /data volume; load every *.json of
# /fixtures (the demo fixture; mount your own folder over it to change that: -v ./my-fixtures:/fixtures:ro).
CMD ["--urls", "http://0.0.0.0:8080", "--db", "/data/mpemulator.db", "--fixtures", "/fixtures"]
