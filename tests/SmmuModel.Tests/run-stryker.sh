#!/usr/bin/env bash
# Mutation testing of src/SmmuModel with Stryker.NET (settings in stryker-config.json). Property tests try a tenth
# of their random cases per mutant (VIOMMU_PROPERTY_DIVISOR), so a run takes minutes, not hours.
# Usage: tests/SmmuModel.Tests/run-stryker.sh [OUTPUT_DIR]   (report: OUTPUT_DIR/reports/mutation-report.md)
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$PATH:$HOME/.dotnet/tools"
command -v dotnet-stryker > /dev/null || dotnet tool install -g dotnet-stryker --version 5.1.0
VIOMMU_PROPERTY_DIVISOR=${VIOMMU_PROPERTY_DIVISOR:-10} dotnet-stryker --configuration Release --output "$(realpath -m "${1:-StrykerOutput}")"
