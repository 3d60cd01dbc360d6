#!/usr/bin/env bash
# Packs MpEmulator.Testing and proves the package stands alone: a throwaway project that knows only the .nupkg (the
# emulator's assembly travels inside it) starts the emulator, registers a seller and calls the API through the handler.
# Usage: scripts/pack-testing.sh [output folder] (default: artifacts/packages).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-artifacts/packages}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet pack src/MpEmulator.Testing/MpEmulator.Testing.csproj -c Release -o "$out"
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' src/MpEmulator.Testing/MpEmulator.Testing.csproj)

# Its own package folder, so a package cached by an earlier run of the same version is never used; the machine's
# cache is only a fallback for the dependencies.
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources><add key="mpemulator-testing" value="$out" /></packageSources>
</configuration>
XML
cat > "$work/consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <RestorePackagesPath>$work/packages</RestorePackagesPath>
    <RestoreAdditionalProjectFallbackFolders>$HOME/.nuget/packages</RestoreAdditionalProjectFallbackFolders>
  </PropertyGroup>
  <ItemGroup><PackageReference Include="MpEmulator.Testing" Version="$version" /></ItemGroup>
</Project>
XML
cat > "$work/Program.cs" <<'CS'
using MpEmulator.Testing;
await using var mp = await MpEmulatorServer.StartAsync();
var seller = await mp.NewSellerAsync(site: "MLA");
using var http = mp.CreateHttpClient();
http.DefaultRequestHeaders.Authorization = new("Bearer", seller.AccessToken);
var methods = await http.GetStringAsync("https://api.mercadopago.com/v1/payment_methods");
if (!methods.Contains("\"visa\"")) throw new Exception("no visa among MLA's payment methods: " + methods);
Console.WriteLine($"pack-testing: MpEmulator.Testing {Environment.GetEnvironmentVariable("VERSION")} works from its package at {mp.BaseUrl}");
CS
VERSION=$version dotnet run --project "$work/consumer.csproj"
