import ArgumentParser

/// The command line of the apps that do not use Redis: HTTP options only.
struct SimpleAppArguments<Port: DefaultHTTPPort>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: AppConfiguration.executableName,
            discussion: AppConfiguration.environmentDiscussion
        )
    }

    @OptionGroup var http: HTTPOptions<Port>
}
