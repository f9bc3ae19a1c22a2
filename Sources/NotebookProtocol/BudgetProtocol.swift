/// The conversation between the book and a chapter program about the build's CPU
/// budget: the book holds one token per thread allowed to work at once (`--jobs`); a
/// chapter program runs on one, and asks for more over a socket
/// (`NotebookEnvironment.tokensDescriptor`) when `replicate` could use them. One byte
/// per message:
///
/// | program → book | meaning |
/// | --- | --- |
/// | `w` | I could use one more thread |
/// | `r` | I give one token back |
/// | `s` | I want nothing more: forget my wishes and answer `.` |
///
/// | book → program | meaning |
/// | --- | --- |
/// | `t` | here is a token: start one thread |
/// | `.` | your wishes are forgotten; no more `t` will come for them |
///
/// Every token a program holds stays the book's to take back: when the program ends,
/// however it ends, the book reclaims what it held.
public enum BudgetProtocol {
    public static let want = UInt8(ascii: "w"), giveBack = UInt8(ascii: "r"), stop = UInt8(ascii: "s")
    public static let token = UInt8(ascii: "t"), stopped = UInt8(ascii: ".")
}

extension NotebookEnvironment {
    /// The file descriptor of the CPU budget's socket (`BudgetProtocol`), as a decimal
    /// number; a negative number when the book had no socket to give (the program then
    /// runs its replicates one at a time). Without it the program uses every core.
    public static let tokensDescriptor = "NOTEBOOK_TOKENS_FD"
    /// The descriptor the book opens the socket on.
    public static let tokensDescriptorNumber: Int32 = 5
}
