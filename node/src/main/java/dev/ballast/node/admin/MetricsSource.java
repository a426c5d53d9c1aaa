package dev.ballast.node.admin;

import java.io.IOException;
import java.io.OutputStream;

/** Port: the node's metrics in the Prometheus text exposition format 0.0.4, written by a metrics library. */
@FunctionalInterface
public interface MetricsSource {

    String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** Writes every metric now, in the text format 0.0.4. */
    void writeTo(OutputStream out) throws IOException;
}
