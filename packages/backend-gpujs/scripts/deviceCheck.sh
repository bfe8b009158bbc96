#!/usr/bin/env bash
# The gpu.js backend on a real GPU: the conformance cases and the gpu.js benchmark rows on the
# GPU mode found there (webgpu through the `webgpu` npm package's Dawn on Vulkan). Not part of CI.
# The GPU machine reaches no registry, so the work is split in two:
#   bash packages/backend-gpujs/scripts/deviceCheck.sh prepare   # here, with the npm registry and apt:
#       installs (pnpm, frozen lockfile), bundles deviceCheck.entry.ts for Node, and gathers Node,
#       the webgpu package's Dawn binary and the Vulkan loader into packages/backend-gpujs/dist/device
#   bash packages/backend-gpujs/scripts/deviceCheck.sh run       # there, with that folder carried:
#       writes $OUT/deviceCheck.log (conformance and tables); exits non-zero on a failed case
# `run --mode=webasm` checks the prepared bundle on a machine without a GPU.
set -euo pipefail
cd "$(dirname "$0")/../../.."
# dist/ is ignored by git and by the linter, and a carried path must be ignored.
dev=packages/backend-gpujs/dist/device
case "${1:-}" in
prepare)
  rm -rf "$dev" && mkdir -p "$dev/deb" "$dev/node_modules"
  pnpm install --frozen-lockfile
  # Vite bundles the workspace packages from their sources (the '@mindts/source' condition): no build needed.
  (cd packages/backend-gpujs && node --input-type=module -e "
    import { build } from 'vite';
    await build({ configFile: false, root: '.', logLevel: 'warn',
      resolve: { conditions: ['@mindts/source', 'node', 'import', 'default'],
        alias: { vitest: process.cwd() + '/src/browser/vitestStub.ts' } },
      build: { ssr: 'scripts/deviceCheck.entry.ts', outDir: '../../$dev', emptyOutDir: false, minify: false,
        rollupOptions: { external: ['webgpu', 'gl'], output: { entryFileNames: 'deviceCheck.mjs' } } },
 ssr: { noExternal: true, external: ['webgpu', 'gl'] } });")
  # Two builds of Dawn for Node, tried in this order: webgpu 0.6.2 (needs libstdc++ with GLIBCXX_3.4.32)
  # and 0.2.9, the version gpu.js names (from the lockfile). Each dawn.node travels xz-compressed.
  (cd "$dev" && npm pack --silent webgpu@0.6.2 >/dev/null && tar xzf webgpu-0.6.2.tgz && rm webgpu-0.6.2.tgz \
    && mv package node_modules/webgpu && rm -rf node_modules/webgpu/dist/{darwin,win32,linux-arm}* node_modules/webgpu/build)
  xz -T0 -6 "$dev/node_modules/webgpu/dist/linux-x64/dawn.node"
  wg=$(dirname "$(node -p "require.resolve('webgpu/package.json', { paths: [require.resolve('gpu.js', { paths: ['packages/backend-gpujs'] })] })")")
  mkdir -p "$dev/node_modules/webgpu-0.2.9/dist"
  cp "$wg/package.json" "$wg/index.js" "$dev/node_modules/webgpu-0.2.9/"
  xz -T0 -6 -c "$wg/dist/linux-x64.dawn.node" >"$dev/node_modules/webgpu-0.2.9/dist/linux-x64.dawn.node.xz"
  xz -T0 -3 -c "$(command -v node)" >"$dev/node.xz"
  (cd "$dev/deb" && apt-get download libvulkan1 libglvnd0 libegl1 libgl1 libglx0 libopengl0) || echo 'no libvulkan1 .deb (apt-get download failed): the GPU machine must have a Vulkan loader'
  du -sh "$dev"
  ;;
run)
  out=${OUT:-$dev/out} && mkdir -p "$out"
  # The Vulkan loader beside the system's, not over it: Dawn dlopens libvulkan.so.1 through LD_LIBRARY_PATH.
  for f in "$dev"/deb/*.deb; do [ -e "$f" ] && dpkg -x "$f" /tmp/vk; done
  export LD_LIBRARY_PATH=/tmp/vk/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
  icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  [ -e "$icd" ] && export VK_DRIVER_FILES="$icd"
  export LD_LIBRARY_PATH=$LD_LIBRARY_PATH:/usr/local/nvidia/lib64:/usr/local/nvidia/lib
  xz -dc "$dev/node.xz" >/tmp/node && chmod +x /tmp/node
  for f in $(find "$dev/node_modules" -name '*.dawn.node.xz' -o -name 'dawn.node.xz'); do xz -dkf "$f"; done
  (ls /usr/local/nvidia/share/vulkan/icd.d /usr/share/vulkan/icd.d /etc/vulkan/icd.d 2>&1; ldconfig -p | grep -i 'vulkan\|libGLX_nvidia\|libnvidia-glvkspirv' ; strings /lib/x86_64-linux-gnu/libstdc++.so.6 | grep -c GLIBCXX_3.4.32) >"$out/deviceEnv.log" 2>&1 || true
  (nvidia-smi -L || true; /tmp/node -v) | tee "$out/deviceCheck.log"
  (cd "$dev" && /tmp/node deviceCheck.mjs "${@:2}") 2>&1 | tee -a "$out/deviceCheck.log"
  ;;
*)
  echo "usage: $0 prepare | run [--mode=webasm]" >&2
  exit 2
  ;;
esac
