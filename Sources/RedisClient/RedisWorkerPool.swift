import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The dedicated threads that run hiredis's blocking calls, each with at most one connection.
///
/// Tasks enqueue jobs; an idle worker takes every waiting job (up to `maxBatch`), pipelines them on
/// its connection and resumes each task with its reply. No hiredis call runs on a NIO event loop or
/// on Swift's cooperative pool, and a connection is only ever used by the thread that owns it.
final class RedisWorkerPool: @unchecked Sendable {
    private let host: String
    private let port: Int
    private let address: String
    private let timeout: UInt64
    private let tolerance: UInt64
    private let logger: Logger
    private let maxBatch = 128

    // Everything below is guarded by `mutex`.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>
    private var pending: [RedisJob] = []
    private var idleWorkers = 0
    private var runningWorkers = 0
    private var isShuttingDown = false
    private var shutdownWaiters: [UnsafeContinuation<Void, Never>] = []

    /// Starts `size` worker threads. They connect lazily, on their first command.
    init(host: String, port: Int, timeout: UInt64, size: Int, logger: Logger) {
        self.host = host
        self.port = port
        self.address = "\(host):\(port)"
        self.timeout = timeout
        self.tolerance = max(timeout / 20, 1_000_000)
        self.logger = logger
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        condition = .allocate(capacity: 1)
        pthread_cond_init(condition, nil)
        pending.reserveCapacity(maxBatch)
        for index in 0..<max(size, 1) {
            startWorker(index: index)
        }
    }

    deinit {
        pthread_cond_destroy(condition)
        condition.deallocate()
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Queues a job for the next idle worker; fails it at once when the pool is shut down.
    func submit(_ job: RedisJob) {
        pthread_mutex_lock(mutex)
        guard !isShuttingDown else {
            pthread_mutex_unlock(mutex)
            job.complete(.failure(.connectionFailed(address: address, reason: "the client is shut down")))
            return
        }
        pending.append(job)
        if idleWorkers > 0 { pthread_cond_signal(condition) }
        pthread_mutex_unlock(mutex)
    }

    /// Stops taking jobs, lets the workers finish the queued ones and close their connections,
    /// and returns when every worker thread has exited.
    func shutdown() async {
        await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
            pthread_mutex_lock(mutex)
            isShuttingDown = true
            pthread_cond_broadcast(condition)
            if runningWorkers == 0 {
                pthread_mutex_unlock(mutex)
                continuation.resume()
            } else {
                shutdownWaiters.append(continuation)
                pthread_mutex_unlock(mutex)
            }
        }
    }

    /// Asks the workers to finish and exit, without waiting for them.
    func beginShutdown() {
        pthread_mutex_lock(mutex)
        isShuttingDown = true
        pthread_cond_broadcast(condition)
        pthread_mutex_unlock(mutex)
    }

    // MARK: Private

    private final class WorkerStart {
        let pool: RedisWorkerPool
        let index: Int
        init(pool: RedisWorkerPool, index: Int) {
            self.pool = pool
            self.index = index
        }
    }

    private func startWorker(index: Int) {
        pthread_mutex_lock(mutex)
        runningWorkers += 1
        pthread_mutex_unlock(mutex)
        let start = Unmanaged.passRetained(WorkerStart(pool: self, index: index)).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(
            &thread,
            nil,
            { argument in
                // The argument is the retained WorkerStart passed below; never nil.
                guard let argument else { return nil }
                let start = Unmanaged<WorkerStart>.fromOpaque(argument).takeRetainedValue()
                start.pool.work(index: start.index)
                return nil
            },
            start
        )
        if created == 0 {
            pthread_detach(thread)
        } else {
            Unmanaged<WorkerStart>.fromOpaque(start).release()
            logger.error("cannot start a Redis worker thread", metadata: ["errno": "\(created)"])
            workerExited()
        }
    }

    /// A worker's loop: wait for jobs, take them all (up to `maxBatch`), run them, repeat.
    private func work(index: Int) {
        var connection: RedisConnection?
        var batch: [RedisJob] = []
        batch.reserveCapacity(maxBatch)
        while true {
            pthread_mutex_lock(mutex)
            while pending.isEmpty && !isShuttingDown {
                idleWorkers += 1
                pthread_cond_wait(condition, mutex)
                idleWorkers -= 1
            }
            if pending.isEmpty {
                pthread_mutex_unlock(mutex)
                break
            }
            if pending.count <= maxBatch {
                swap(&pending, &batch)
            } else {
                batch.append(contentsOf: pending[..<maxBatch])
                pending.removeFirst(maxBatch)
            }
            pthread_mutex_unlock(mutex)
            run(batch, on: &connection)
            batch.removeAll(keepingCapacity: true)
        }
        connection?.close()
        workerExited()
    }

    /// Runs one batch: fails the jobs already past their deadline, connects when needed, pipelines the rest.
    ///
    /// A connection made for an earlier batch may have gone stale (Redis restarted since): when it fails
    /// before answering anything, the batch is sent once more on a new connection, within the same
    /// deadline. Timeouts are not retried.
    private func run(_ batch: [RedisJob], on connection: inout RedisConnection?) {
        let now = monotonicNanoseconds()
        var live = batch[...]
        if batch.contains(where: { $0.deadline <= now }) {
            for job in batch where job.deadline <= now { job.complete(.failure(.timeout(address: address))) }
            live = batch.filter { $0.deadline > now }[...]
            if live.isEmpty { return }
        }
        var deadline = UInt64.max
        for job in live where job.deadline < deadline { deadline = job.deadline }
        var mayRetry = connection != nil
        while true {
            if connection == nil {
                let now = monotonicNanoseconds()
                let result =
                    now < deadline
                    ? RedisConnection.connect(host: host, port: port, address: address, timeout: deadline - now)
                    : .failure(.timeout(address: address))
                switch result {
                case .success(let made):
                    connection = made
                    logger.debug("connected to Redis", metadata: ["redis.address": "\(address)"])
                case .failure(let error):
                    logger.debug(
                        "cannot connect to Redis",
                        metadata: ["redis.address": "\(address)", "error": "\(error)"]
                    )
                    for job in live { job.complete(.failure(error)) }
                    return
                }
            }
            guard let current = connection,
                let failure = current.run(live, deadline: deadline, tolerance: tolerance)
            else { return }
            current.close()
            connection = nil
            logger.info(
                "Redis connection lost; the next command reconnects",
                metadata: ["redis.address": "\(address)", "error": "\(failure.error)"]
            )
            let unanswered = live[failure.firstUnanswered...]
            if mayRetry && failure.firstUnanswered == live.startIndex && failure.error.kind == "connection" {
                mayRetry = false
                live = unanswered
                continue
            }
            for job in unanswered { job.complete(.failure(failure.error)) }
            return
        }
    }

    private func workerExited() {
        pthread_mutex_lock(mutex)
        runningWorkers -= 1
        var waiters: [UnsafeContinuation<Void, Never>] = []
        if runningWorkers == 0 {
            swap(&waiters, &shutdownWaiters)
        }
        pthread_mutex_unlock(mutex)
        for waiter in waiters { waiter.resume() }
    }
}
