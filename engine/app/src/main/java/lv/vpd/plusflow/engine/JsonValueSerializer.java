package lv.vpd.plusflow.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.operaton.bpm.engine.impl.variable.serializer.AbstractObjectValueSerializer;

/**
 * JSON object and array variables (e.g. a case's `rules`, a list of document ids) as maps and lists, so that
 * JUEL expressions in the diagrams read them naturally (`${rules.due.agreement}`). Operaton's Spin plugin does
 * this too, but its JSON data format is not on the Maven Central we can reach; Jackson is already here through
 * Spring Boot. Only plain JSON shapes are read back (maps, lists, strings, numbers, booleans): the type name of
 * a stored value is never used to pick a class, so a crafted variable cannot make the engine load one.
 */
public class JsonValueSerializer extends AbstractObjectValueSerializer {
  public static final String FORMAT = "application/json";
  private static final Set<String> TYPE_NAMES = Set.of("java.util.LinkedHashMap", "java.util.ArrayList", "java.util.HashMap", "java.util.Map", "java.util.List");
  private static final ObjectMapper JSON = new ObjectMapper();

  public JsonValueSerializer() {
    super(FORMAT);
  }

  @Override
  public String getName() {
    return "plusflow-json";
  }

  @Override
  protected boolean isSerializationTextBased() {
    return true;
  }

  @Override
  protected boolean canSerializeValue(Object value) {
    return value instanceof Map || value instanceof List;
  }

  @Override
  protected String getTypeNameForDeserialized(Object value) {
    return value instanceof List ? "java.util.ArrayList" : "java.util.LinkedHashMap";
  }

  @Override
  protected byte[] serializeToByteArray(Object value) throws Exception {
    return JSON.writeValueAsBytes(value);
  }

  @Override
  protected Object deserializeFromByteArray(byte[] bytes, String objectTypeName) throws Exception {
    if (objectTypeName != null && !TYPE_NAMES.contains(objectTypeName)) {
      throw new IllegalArgumentException("JSON variables hold maps or lists, not " + objectTypeName);
    }
    return JSON.readValue(bytes, Object.class);
  }
}
