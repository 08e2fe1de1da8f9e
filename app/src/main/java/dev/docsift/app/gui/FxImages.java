package dev.docsift.app.gui;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;

/**
 * Copies pixels between Java2D and JavaFX images without the javafx-swing bridge. Safe off the
 * JavaFX thread for images not yet in a scene, which is how pages are converted: on the render
 * thread, so the JavaFX thread only attaches the finished image.
 */
public final class FxImages {
  private FxImages() {}

  /**
   * A JavaFX copy of an image.
   *
   * @param image any Java2D image
   * @return the copy, opaque where the source is
   */
  public static WritableImage toFx(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] argb;
    if (image.getType() == BufferedImage.TYPE_INT_RGB) {
      int[] rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
      argb = new int[rgb.length];
      for (int i = 0; i < rgb.length; i++) {
        argb[i] = rgb[i] | 0xFF000000;
      }
    } else {
      argb = image.getRGB(0, 0, w, h, null, 0, w);
    }
    WritableImage out = new WritableImage(w, h);
    out.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
    return out;
  }

  /**
   * A Java2D copy of a JavaFX image, such as a snapshot of the window.
   *
   * @param image the image
   * @return an ARGB copy
   */
  public static BufferedImage toBuffered(Image image) {
    int w = (int) image.getWidth();
    int h = (int) image.getHeight();
    int[] argb = new int[w * h];
    PixelReader reader = image.getPixelReader();
    reader.getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    out.setRGB(0, 0, w, h, argb, 0, w);
    return out;
  }
}
