// A `.wasm` import in Workers (and bundlers that follow them) is the compiled module.
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
