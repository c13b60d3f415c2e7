// Shared test helpers: free ports, real redis-server and prometheus processes.
