import Foundation

/// Finds the `Screens/` and `Keymaps/` folders: an explicit override, then an installed
/// share folder beside the executable (`PREFIX/bin/clinic` → `PREFIX/share/mobile-clinic`),
/// then the working tree the executable was built in, then the current directory.
public enum ResourceLocator {
    /// The folder holding `Screens/` and `Keymaps/`, or nil if none is found.
    public static func shareFolder(
        override: String?, executablePath: String,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) -> String? {
        if let override, !override.isEmpty { return override }
        let binFolder = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        var candidates = [binFolder.deletingLastPathComponent().appendingPathComponent("share/mobile-clinic").path]
        var folder = binFolder
        for _ in 0..<5 {
            candidates.append(folder.path)
            folder = folder.deletingLastPathComponent()
        }
        candidates.append(currentDirectory)
        return candidates.first { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: path + "/Screens", isDirectory: &isFolder) && isFolder.boolValue
                && FileManager.default.fileExists(atPath: path + "/Keymaps/default.yaml")
        }
    }
}
