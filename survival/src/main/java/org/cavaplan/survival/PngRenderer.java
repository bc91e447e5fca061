package org.cavaplan.survival;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Draws a {@link PlotLayout} with Java 2D into an RGB image and encodes it as PNG. Runs headless
 * (sets {@code java.awt.headless=true} unless the caller chose otherwise). No metadata such as a
 * time stamp is written, so equal layouts give equal bytes.
 */
final class PngRenderer {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private PngRenderer() {}

    static byte[] render(PlotLayout layout) {
        BufferedImage image = new BufferedImage(layout.width, layout.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                    RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS,
                    RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, layout.width, layout.height);
            for (PlotLayout.Shape shape : layout.shapes) {
                draw(g, shape);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void draw(Graphics2D g, PlotLayout.Shape shape) {
        if (shape instanceof PlotLayout.Line l) {
            g.setColor(Color.decode(l.color()));
            g.setStroke(new BasicStroke((float) l.width(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
            g.draw(new Line2D.Double(l.x1(), l.y1(), l.x2(), l.y2()));
        } else if (shape instanceof PlotLayout.Path p) {
            g.setColor(Color.decode(p.color()));
            g.setStroke(new BasicStroke((float) p.width(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
            g.draw(path(p.points(), false));
        } else if (shape instanceof PlotLayout.Area a) {
            Composite saved = g.getComposite();
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) a.opacity()));
            g.setColor(Color.decode(a.color()));
            g.fill(path(a.points(), true));
            g.setComposite(saved);
        } else if (shape instanceof PlotLayout.Text t) {
            g.setColor(Color.decode(t.color()));
            g.setFont(new Font(Font.SANS_SERIF, t.bold() ? Font.BOLD : Font.PLAIN, (int) Math.round(t.size())));
            FontMetrics fm = g.getFontMetrics();
            double w = fm.getStringBounds(t.text(), g).getWidth();
            double dx = switch (t.anchor()) {
                case START -> 0;
                case MIDDLE -> -w / 2;
                case END -> -w;
            };
            AffineTransform saved = g.getTransform();
            g.translate(t.x(), t.y());
            if (t.rotate() != 0) {
                g.rotate(Math.toRadians(t.rotate()));
            }
            g.drawString(t.text(), (float) dx, 0f);
            g.setTransform(saved);
        }
    }

    private static Path2D path(double[] xy, boolean close) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            p.lineTo(xy[i], xy[i + 1]);
        }
        if (close) {
            p.closePath();
        }
        return p;
    }
}
