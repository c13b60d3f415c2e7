/// The families read so far, in order of first appearance, and the rules that place a sample in one.
struct FamilyTable {
    private(set) var families: [MetricFamily] = []
    private var indexByName: [String: Int] = [:]
    private var declaredType: Set<Int> = []

    private mutating func index(creating name: String) -> Int {
        if let index = indexByName[name] { return index }
        families.append(MetricFamily(name: name))
        indexByName[name] = families.count - 1
        return families.count - 1
    }

    /// Records `# TYPE name type`; fails with a message when the family already has a type or samples.
    mutating func declareType(_ type: MetricType, of name: String) -> String? {
        let index = index(creating: name)
        if declaredType.contains(index) { return "second TYPE line for metric family '\(name)'" }
        if !families[index].samples.isEmpty { return "TYPE line for '\(name)' comes after its samples" }
        declaredType.insert(index)
        families[index].type = type
        return nil
    }

    /// Records `# HELP name text`; fails with a message when the family already has help text.
    mutating func declareHelp(_ help: String, of name: String) -> String? {
        let index = index(creating: name)
        if families[index].help != nil { return "second HELP line for metric family '\(name)'" }
        families[index].help = help
        return nil
    }

    /// Adds `sample` to its family; fails with a message when it breaks its family's rules.
    ///
    /// A sample belongs to the family of its own name, or, for a histogram, to the family named
    /// without `_bucket`, `_sum` or `_count`, and for a summary without `_sum` or `_count`. Any other
    /// name starts an untyped family.
    mutating func add(_ sample: Sample) -> String? {
        let index = familyIndex(for: sample.name)
        let family = families[index]
        switch family.type {
        case .histogram:
            if sample.name == family.name {
                return "histogram '\(family.name)' has a sample without a _bucket, _sum or _count suffix"
            }
            if sample.name == family.name + "_bucket" {
                guard let bound = sample.labels["le"] else {
                    return "histogram bucket '\(sample.name)' has no 'le' label"
                }
                if ExpositionParser.parseFloat(bound) == nil {
                    return "histogram bucket '\(sample.name)' has an 'le' label that is not a number: '\(bound)'"
                }
            }
        case .summary:
            if sample.name == family.name {
                guard let quantile = sample.labels["quantile"] else {
                    return "summary '\(family.name)' has a sample without a 'quantile' label"
                }
                if ExpositionParser.parseFloat(quantile) == nil {
                    return "summary '\(family.name)' has a 'quantile' label that is not a number: '\(quantile)'"
                }
            }
        case .counter, .gauge, .untyped:
            break
        }
        families[index].samples.append(sample)
        return nil
    }

    private mutating func familyIndex(for name: String) -> Int {
        if let index = indexByName[name] { return index }
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            guard let index = indexByName[base] else { continue }
            switch families[index].type {
            case .histogram: return index
            case .summary where suffix != "_bucket": return index
            default: continue
            }
        }
        return index(creating: name)
    }
}
