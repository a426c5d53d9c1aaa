package dev.ballast.node.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One member's load report as it travels in the server-load table: requests in flight from that member, by server
 * ("backend/server"). Pure encoding, no I/O: a version byte, a count, then (name, count) pairs.
 */
final class LoadReport {

    private static final byte FORMAT = 1;

    private LoadReport() {
    }

    static byte[] encode(Map<String, Integer> inFlightByServer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 + 24 * inFlightByServer.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(inFlightByServer.size());
            for (Map.Entry<String, Integer> server : inFlightByServer.entrySet()) {
                out.writeUTF(server.getKey());
                out.writeInt(server.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a load report", e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not a report of this format (another version's node) */
    static Map<String, Integer> decode(byte[] report) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(report))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("load report of format " + format + ", this node reads " + FORMAT);
            }
            int count = in.readInt();
            if (count < 0 || count > report.length) {
                throw new IllegalArgumentException("load report claims " + count + " servers in " + report.length
                        + " bytes");
            }
            Map<String, Integer> servers = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String server = in.readUTF();
                int inFlight = in.readInt();
                if (inFlight < 0) {
                    throw new IllegalArgumentException("load report gives " + server + " " + inFlight + " requests");
                }
                servers.put(server, inFlight);
            }
            return servers;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated load report of " + report.length + " bytes", e);
        }
    }
}
