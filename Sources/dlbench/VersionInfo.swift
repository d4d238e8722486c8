import Foundation
import Measurement

/// What `dlbench --version` prints: the release and the commit of the checkout this binary was built in.
///
/// SwiftPM has no build-time hook for the commit without a plugin, so it is read when asked, from the checkout
/// that holds the running binary (`<checkout>/.build/<triple>/<configuration>/dlbench`); a binary copied
/// elsewhere says the commit is unknown rather than guessing from the current directory.
enum VersionInfo {
    static let release = "0.5.0"

    static var line: String {
        let state = GitState.ofRunningBinary()
        guard let commit = state.commit else {
            return "dlbench \(release) (commit unknown: not run from a git checkout's .build folder)"
        }
        return "dlbench \(release) (commit \(commit.prefix(12))\(state.dirty == true ? ", with uncommitted changes" : ""))"
    }
}
