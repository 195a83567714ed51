import Foundation
import Testing

/// The README stays true: it shows `--help` exactly as the program prints it.
@Suite struct ReadmeTests {
  @Test(arguments: [
    ["--help"], ["run", "--help"], ["check", "--help"], ["validate", "--help"], ["verify", "--help"],
  ])
  func theReadmeShowsTheHelpAsItPrints(arguments: [String]) throws {
    let readme = try String(
      contentsOf: Executable.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let result = try Executable.run(arguments)
    #expect(result.status == 0)
    // The subcommands' help ends with a blank line, which a code block leaves out.
    var output = result.stdout
    while output.hasSuffix("\n\n") { output.removeLast() }
    let shown = "$ agcom-report \(arguments.joined(separator: " "))\n" + output + "```"
    #expect(readme.contains(shown), "README.md does not show the output of agcom-report \(arguments)")
  }
}
