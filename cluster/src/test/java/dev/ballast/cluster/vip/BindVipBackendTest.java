package dev.ballast.cluster.vip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BindVipBackendTest {

    @Test
    void tellsTheNodeToListenOnTheAddressWithoutPrefix() throws Exception {
        List<String> events = new ArrayList<>();
        BindVipBackend backend = new BindVipBackend(new BindVipBackend.BindListener() {
            @Override
            public void listenOn(String address) {
                events.add("listen " + address);
            }

            @Override
            public void stopListeningOn(String address) {
                events.add("stop " + address);
            }
        });
        backend.acquire("127.0.0.100/8");
        backend.reassert("127.0.0.100/8");
        backend.release("127.0.0.100");
        assertThat(events).containsExactly("listen 127.0.0.100", "stop 127.0.0.100");
    }
}
