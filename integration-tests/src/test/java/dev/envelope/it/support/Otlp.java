package dev.envelope.it.support;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading decoded OTLP messages in tests. */
public final class Otlp {
  private Otlp() {}

  /** A trace or span id as the lower-case hex the events file uses. */
  public static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  /** Attributes by key, in the order they came. */
  public static Map<String, AnyValue> attributes(List<KeyValue> kvs) {
    Map<String, AnyValue> out = new LinkedHashMap<>();
    kvs.forEach(kv -> out.put(kv.getKey(), kv.getValue()));
    return out;
  }
}
