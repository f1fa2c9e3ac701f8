// electron-builder beforePack hook: rebuilds the native modules (better-sqlite3, keytar) for the
// Electron version and architecture being packaged. Any failure stops the build: an installer with
// Node-ABI binaries would crash on first launch. `npm run dist:win` rebuilds them for Node afterwards.
const { rebuild } = require('@electron/rebuild');
const { Arch } = require('electron-builder');

module.exports = async function beforePack(context) {
  const arch = Arch[context.arch];
  const electronVersion = context.packager.config.electronVersion || require('electron/package.json').version;
  const buildPath = context.packager.projectDir;
  console.log(`beforePack: rebuilding better-sqlite3 and keytar for Electron ${electronVersion} (${arch})`);
  try {
    await rebuild({ buildPath, electronVersion, arch, force: true, onlyModules: ['better-sqlite3', 'keytar'] });
  } catch (err) {
    console.error('beforePack: native module rebuild failed; the installer was NOT built.');
    console.error(err);
    process.exit(1);
  }
};
