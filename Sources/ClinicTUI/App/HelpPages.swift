import TerminalKit

/// The help overlay in pages: lines split to fit the terminal, turned with PgDn/PgUp.
enum HelpPages {
    /// `lines` in pages of at most `capacity` lines. A group (a heading and the indented lines
    /// under it, with any closing line) moves whole to the next page when it does not fit the
    /// rest of this one, so no page holds a heading alone or a stray last line; a group longer
    /// than a page is split line by line.
    static func split(_ lines: [String], capacity: Int) -> [[String]] {
        var pages: [[String]] = [[]]
        for group in groups(lines) {
            let room = capacity - pages[pages.count - 1].count
            if group.count > room, group.count <= capacity, !pages[pages.count - 1].isEmpty { pages.append([]) }
            for line in group {
                if pages[pages.count - 1].count == capacity { pages.append([]) }
                pages[pages.count - 1].append(line)
            }
        }
        return pages
    }

    /// `lines` cut into groups, each starting at a heading: an unindented line followed by an indented one.
    private static func groups(_ lines: [String]) -> [[String]] {
        var groups: [[String]] = []
        for (index, line) in lines.enumerated() {
            let isHeading = !line.hasPrefix(" ") && index + 1 < lines.count && lines[index + 1].hasPrefix(" ")
            if isHeading || groups.isEmpty { groups.append([]) }
            groups[groups.count - 1].append(line)
        }
        return groups
    }

    /// The overlay's title for page `page` (from 0) of `count`.
    static func title(page: Int, of count: Int) -> String {
        count <= 1
            ? "Keys (F1 or ? for this help; any key closes it)"
            : "Keys, page \(page + 1) of \(count) (PgDn/PgUp turn; any other key closes)"
    }

    /// The page shown after `key` on page `page`, or nil when the key closes the help.
    static func turn(_ page: Int, by key: Key, pages: Int) -> Int? {
        guard pages > 1 else { return nil }
        switch key {
        case .pageDown, .character(" "): return page + 1 < pages ? page + 1 : nil
        case .pageUp: return max(0, page - 1)
        default: return nil
        }
    }
}
