/// Company and first names for simulated customers, picked by hash so they are stable per account
/// and per user.
enum Names {
    static func company(_ hash: UInt64) -> String {
        let first = companyStems[Int(hash >> 24 % UInt64(companyStems.count))]
        let roll = Int(hash >> 40 % 10)
        return roll < 4 ? first : first + "-" + companySuffixes[Int(hash >> 44 % UInt64(companySuffixes.count))]
    }

    static func firstName(_ hash: UInt64) -> String {
        firstNames[Int(hash >> 16 % UInt64(firstNames.count))]
    }

    static let companyStems = [
        "acme", "northwind", "bluefin", "quantaloop", "parcelly", "brightdesk", "tinyorbit", "fernpay", "stackyard", "hivemetrics",
        "lumencart", "routewise", "papertrail", "mintbox", "cobaltcrm", "shiphero", "tallybook", "nimbusly", "kettle", "orchard",
        "sparrowhq", "driftwood", "pixelforge", "loomly", "basecampr", "quillpay", "tidewater", "granite", "helio", "zestful",
        "marlin", "copperleaf", "wavelength", "fieldnote", "ridgeline", "opalcare", "bookwise", "carrotcart", "snapfleet", "vantage",
        "meridian", "lakehouse", "sundial", "owlpost", "foxglove", "ironclad", "plumtree", "birchbox", "rocketlane", "clearpath",
    ]

    static let companySuffixes = ["labs", "hq", "app", "io", "tech", "studio", "health", "pay", "logistics", "cloud", "ai", "co"]

    static let firstNames = [
        "Sam", "Alex", "Priya", "Jordan", "Mei", "Carlos", "Fatima", "Liam", "Aisha", "Noah", "Sofia", "Kenji", "Olga", "Mateo",
        "Chloe", "Ravi", "Hana", "Lucas", "Amara", "Ethan", "Yuki", "Diego", "Zara", "Tom", "Ingrid", "Omar", "Lena", "Arjun",
        "Grace", "Felix", "Nia", "Marco", "Elif", "Ben", "Ana", "Kwame", "Julia", "Hiro", "Maya", "Sven", "Lucia", "Dev",
        "Emma", "Tariq", "Rosa", "Jonas", "Leila", "Pedro", "Anya", "Kai",
    ]
}
