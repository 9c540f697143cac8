/**
 * Cluster mode: N Sluice nodes that share one Redis hold one rate limit and one budget exactly as one node does.
 * {@link dev.sluice.cluster.RedisCluster} owns the connection, this node's heartbeat and what the cluster knows of its
 * live nodes; {@link dev.sluice.cluster.RedisLimits} and {@link dev.sluice.cluster.RedisBudgets} count limits and
 * budgets there, and, while Redis cannot be reached, on this node with its share (limit ÷ live nodes);
 * {@link dev.sluice.cluster.RedisAnswerStore} keeps the response cache's answers there, with their TTL.
 */
package dev.sluice.cluster;
