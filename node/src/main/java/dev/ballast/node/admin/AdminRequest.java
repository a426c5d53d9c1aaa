package dev.ballast.node.admin;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One admin request, free of Netty: method, decoded path, query parameters, the Authorization header and the body.
 *
 * @param authorization the Authorization header, null when absent
 */
public record AdminRequest(String method, String path, Map<String, List<String>> query, String authorization,
                           byte[] body) {

    public AdminRequest {
        query = Map.copyOf(query);
    }

    /** The single value of a query parameter; empty when absent; 400 when given twice. */
    public Optional<String> param(String name) {
        List<String> values = query.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new ApiException(400, "query parameter '" + name + "' is given " + values.size() + " times");
        }
        return values.stream().findFirst();
    }
}
