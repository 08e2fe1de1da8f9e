package dev.docsift.app.gui;

import com.sun.javafx.tk.TKClipboard;
import java.security.AccessControlContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javafx.scene.image.Image;
import javafx.scene.input.DataFormat;
import javafx.scene.input.TransferMode;
import javafx.util.Pair;

/**
 * What a drag from the desktop carries, for tests: JavaFX's own local clipboard refuses to be a
 * drag's, and Monocle has no desktop to drag from.
 */
final class DropClipboard implements TKClipboard {
  private final Map<DataFormat, Object> content = new HashMap<>();

  @Override
  @SuppressWarnings("removal")
  public void setSecurityContext(AccessControlContext context) {}

  @Override
  public Set<DataFormat> getContentTypes() {
    return Set.copyOf(content.keySet());
  }

  @Override
  @SafeVarargs
  public final boolean putContent(Pair<DataFormat, Object>... pairs) {
    for (Pair<DataFormat, Object> p : pairs) {
      content.put(p.getKey(), p.getValue());
    }
    return true;
  }

  @Override
  public Object getContent(DataFormat format) {
    return content.get(format);
  }

  @Override
  public boolean hasContent(DataFormat format) {
    return content.containsKey(format);
  }

  @Override
  public Set<TransferMode> getTransferModes() {
    return Set.of(TransferMode.COPY);
  }

  @Override
  public void setDragView(Image image) {}

  @Override
  public void setDragViewOffsetX(double offsetX) {}

  @Override
  public void setDragViewOffsetY(double offsetY) {}

  @Override
  public Image getDragView() {
    return null;
  }

  @Override
  public double getDragViewOffsetX() {
    return 0;
  }

  @Override
  public double getDragViewOffsetY() {
    return 0;
  }
}
