#!/usr/bin/env node
// Runs the TypeScript CLI straight from src/ through tsx, so `nexus` never runs a stale build.
require('tsx/cjs');
require('../src/main/cli/entry.ts');
