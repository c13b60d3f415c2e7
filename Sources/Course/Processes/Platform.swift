import Foundation

/// The system the tools run on, for messages that say how to install what is missing.
public enum Platform {
    /// True on macOS.
    public static var isMacOS: Bool {
        #if os(macOS)
            return true
        #else
            return false
        #endif
    }

    /// The command that installs a package here: Homebrew's `brew` on macOS, `apt-get` elsewhere.
    public static func installHint(debian: String, brew: String) -> String {
        isMacOS ? "install it with: brew install \(brew)" : "install it with: sudo apt-get install \(debian)"
    }

    /// How to get Swift 6 here: Xcode or the toolchain on macOS, the toolchain on Linux.
    public static var swiftInstallHint: String {
        isMacOS
            ? "install Xcode 16.3 or later, or a Swift 6 toolchain from swift.org/install"
            : "install a Swift 6 toolchain from swift.org/install (swiftly installs it and puts it on PATH)"
    }
}
