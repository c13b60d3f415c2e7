import ArgumentParser

/// The command line of the apps that use Redis: HTTP and Redis options.
struct RedisAppArguments<Port: DefaultHTTPPort>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: AppConfiguration.executableName,
            discussion: AppConfiguration.environmentDiscussion
        )
    }

    @OptionGroup var http: HTTPOptions<Port>
    @OptionGroup var redis: RedisOptions
}
