import Course
import ExerciseChecks
import Foundation

// workshop-grader NN --target exercises|solutions --redis-host H --redis-port P
//
// Checks one code exercise against the student's module (or the reference) and prints its verdict as
// one `WORKSHOP-RESULT {...}` line. `workshop` and `swift test` run it as a child process, one exercise
// at a time, so that a crash or an endless loop in the student's code fails that exercise only.

func usage(_ message: String) -> Never {
    FileHandle.standardError.write(
        Data(
            ("workshop-grader: \(message)\n"
                + "usage: workshop-grader NN [--target exercises|solutions] --redis-host HOST --redis-port PORT\n")
                .utf8
        )
    )
    exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard let number = arguments.first, !number.hasPrefix("-") else { usage("which exercise? (01 to 06, 10, 11)") }
arguments.removeFirst()
var options: [String: String] = [:]
while let name = arguments.first {
    guard name.hasPrefix("--"), arguments.count >= 2 else { usage("unexpected argument \(name)") }
    options[String(name.dropFirst(2))] = arguments[1]
    arguments.removeFirst(2)
}
let target: WorkshopTarget
do {
    target = try WorkshopTarget.from(environment: ["WORKSHOP_TARGET": options["target"] ?? "exercises"])
} catch {
    usage(error.message)
}
guard let redisHost = options["redis-host"], let redisPort = options["redis-port"].flatMap(Int.init) else {
    usage("--redis-host and --redis-port name the Redis to check against")
}

// The program that started us holds our standard input, a pipe, open: when it ends, even killed, the
// pipe closes and we end too.
var inputStatus = stat()
if fstat(STDIN_FILENO, &inputStatus) == 0, inputStatus.st_mode & S_IFMT == S_IFIFO {
    Thread.detachNewThread {
        _ = FileHandle.standardInput.readDataToEndOfFile()
        exit(3)
    }
}

let report = await CodeExerciseGrading.grade(number, target: target, redisHost: redisHost, redisPort: redisPort)
print(report.line)
exit(0)
