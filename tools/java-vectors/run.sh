#!/bin/sh
# Regenerates the Properties conformance vectors: inputs from cases.ts and Herald's writer, then
# the expected outputs from java.util.Properties (needs a JDK; tested with 17). Run from anywhere.
set -eu
cd "$(dirname "$0")/../.."
npx tsx tools/java-vectors/generate-inputs.ts
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
javac -d "$out" tools/java-vectors/PropertiesVectors.java
java -cp "$out" PropertiesVectors lib/templates/__vectors__/reader lib/templates/__vectors__/writer lib/templates/__vectors__/fuzz
