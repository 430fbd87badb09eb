/// Passwords people choose most often, which any guessing attack tries first. Source: the
/// "10 million passwords" set (Xato, 2015) as published in SecLists,
/// Passwords/Common-Credentials/10-million-password-list-top-1000.txt: its entries of 8
/// characters or more (shorter ones fail the length rule anyway), vulgar ones left out.
/// Compared without regard to case.
enum CommonPasswords {
    static let list: Set<String> = [
        "password", "12345678", "123456789", "baseball", "football", "qwertyuiop", "1234567890", "superman",
        "1qaz2wsx", "trustno1", "jennifer", "sunshine", "iloveyou", "starwars", "computer", "michelle",
        "11111111", "princess", "987654321", "corvette", "1234qwer", "88888888", "q1w2e3r4t5", "internet",
        "samantha", "whatever", "maverick", "steelers", "mercedes", "123123123", "qwer1234", "q1w2e3r4",
        "midnight", "bigdaddy", "victoria", "1q2w3e4r", "cocacola", "marlboro", "asdfasdf", "87654321",
        "12344321", "jordan23", "liverpoo", "jonathan", "danielle", "abcd1234", "scorpion", "qazwsxedc",
        "password1", "slipknot", "qwerty123", "startrek", "12341234", "asdfghjkl", "qwertyui", "liverpool",
        "nicholas", "elephant", "secret123", "mountain", "xxxxxxxx", "1q2w3e4r5t", "metallic", "benjamin",
        "creative", "rush2112", "asdfghjk", "4815162342", "passw0rd", "1qazxsw2", "garfield", "01012011",
        "69696969", "december", "11223344", "godzilla", "airborne", "brooklyn", "platinum", "darkness",
        "blink182", "789456123", "12qwaszx", "snowball", "redwings", "nintendo", "november", "minecraft",
        "asdf1234", "lasvegas", "babygirl", "12121212", "147258369", "explorer", "snickers", "metallica",
        "alexande", "paradise", "michigan", "carolina", "lacrosse", "christin", "kimberly", "kristina",
        "0987654321", "poohbear", "drowssap", "caroline", "einstein", "spitfire", "maryjane", "champion",
        "1232323q", "svetlana", "westside", "courtney", "12345qwert", "patricia", "aaaaaaaa", "security",
        "123456789a", "scarface", "stargate", "simpsons", "1234554321", "cherokee", "veronica", "semperfi",
        "scotland", "marshall", "qwerty12", "98765432", "softball", "passport", "franklin", "55555555",
        "zaq12wsx", "infinity", "kawasaki", "77777777", "wildcats", "budlight", "brittany", "00000000",
        "bulldogs", "swordfis", "patriots", "pearljam", "colorado", "ncc1701d", "motorola", "logitech",
        "juventus", "wolverin", "hello123", "123654789", "panthers", "elizabet", "spiderma", "virginia",
        "valentin", "predator", "mitchell", "741852963", "1111111111", "rolltide", "changeme", "lovelove",
        "loverboy", "chevelle", "cardinal", "michael1", "147852369", "american", "alexandr", "electric",
        "wolfpack", "spiderman", "darkside", "123456789q", "01011980", "freepass",
    ]
}
