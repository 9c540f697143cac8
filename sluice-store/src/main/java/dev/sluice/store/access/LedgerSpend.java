package dev.sluice.store.access;

import dev.sluice.api.access.Spend;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * What a key, use case or team has spent, summed from the ledger's costs: the record every node writes, so a budget's
 * spend survives restarts and is the same on every node. Blocking (one indexed query); thread-safe.
 */
public final class LedgerSpend implements Spend {

    private final DataSource dataSource;

    public LedgerSpend(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public long micros(String scope, Instant since) {
        int colon = scope.indexOf(':');
        String column = switch (scope.substring(0, Math.max(colon, 0))) {
            case "key" -> "key_id";
            case "use_case" -> "use_case_id";
            case "team" -> "team_id";
            default -> throw new IllegalArgumentException("no spend is kept for scope " + scope);
        };
        String sql = "SELECT coalesce(sum(cost_usd), 0) FROM ledger WHERE " + column + " = ? AND started_at >= ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, scope.substring(colon + 1));
            ps.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                BigDecimal usd = rs.getBigDecimal(1);
                return usd.movePointRight(6).setScale(0, RoundingMode.CEILING).longValueExact();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the ledger cannot be read: " + e.getSQLState(), e);
        }
    }
}
