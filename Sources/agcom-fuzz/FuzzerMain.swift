#if FUZZING
  /// libFuzzer's driver, in libclang_rt.fuzzer (linked by `-sanitize=fuzzer`):
  /// `int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *, size_t))`.
  /// Pointer and integer arguments are passed alike by the Swift and C conventions on
  /// x86_64 and arm64, which is what lets `@_silgen_name` declare it here.
  @_silgen_name("LLVMFuzzerRunDriver")
  func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt

  /// The entry point under libFuzzer. SwiftPM links an executable target on ELF platforms
  /// with `--defsym main=<module>_main` (so that tests can link it under another name), and
  /// `-parse-as-library` without `@main` leaves that symbol undefined: this is it, and it
  /// hands over to libFuzzer's driver as libFuzzer's own `main` would.
  @_cdecl("agcom_fuzz_main")
  func fuzzerMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
  ) -> CInt {
    var argc = argc
    var argv = argv
    return runFuzzerDriver(&argc, &argv) { data, size in fuzzTestOneInput(data, size) }
  }
#endif
