import Testing

@Test func placeholderSystemd() {}
