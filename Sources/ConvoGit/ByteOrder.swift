extension String {
    /// git's path order: by UTF-8 bytes, independent of locale and Unicode normalisation.
    func precedesBytewise(_ other: String) -> Bool { utf8.lexicographicallyPrecedes(other.utf8) }
}
