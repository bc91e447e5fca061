package org.cavaplan.survival;

import java.util.Locale;

/** Writes a {@link PlotLayout} as SVG 1.1 text, by hand, with fixed number formatting. */
final class SvgRenderer {
    private SvgRenderer() {}

    static String render(PlotLayout layout) {
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"")
                .append(layout.width).append("\" height=\"").append(layout.height)
                .append("\" viewBox=\"0 0 ").append(layout.width).append(' ').append(layout.height)
                .append("\" font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\">\n");
        sb.append("<rect x=\"0\" y=\"0\" width=\"").append(layout.width).append("\" height=\"")
                .append(layout.height).append("\" fill=\"#FFFFFF\"/>\n");
        for (PlotLayout.Shape shape : layout.shapes) {
            if (shape instanceof PlotLayout.Line l) {
                sb.append("<line x1=\"").append(n(l.x1())).append("\" y1=\"").append(n(l.y1()))
                        .append("\" x2=\"").append(n(l.x2())).append("\" y2=\"").append(n(l.y2()))
                        .append("\" stroke=\"").append(l.color()).append("\" stroke-width=\"")
                        .append(n(l.width())).append("\"/>\n");
            } else if (shape instanceof PlotLayout.Path p) {
                sb.append("<polyline fill=\"none\" stroke=\"").append(p.color())
                        .append("\" stroke-width=\"").append(n(p.width()))
                        .append("\" stroke-linejoin=\"miter\" points=\"");
                points(sb, p.points());
                sb.append("\"/>\n");
            } else if (shape instanceof PlotLayout.Area a) {
                sb.append("<polygon fill=\"").append(a.color()).append("\" fill-opacity=\"")
                        .append(n(a.opacity())).append("\" stroke=\"none\" points=\"");
                points(sb, a.points());
                sb.append("\"/>\n");
            } else if (shape instanceof PlotLayout.Text t) {
                sb.append("<text x=\"").append(n(t.x())).append("\" y=\"").append(n(t.y()))
                        .append("\" font-size=\"").append(n(t.size())).append("\" fill=\"").append(t.color())
                        .append("\" text-anchor=\"")
                        .append(t.anchor() == PlotLayout.Anchor.START ? "start"
                                : t.anchor() == PlotLayout.Anchor.MIDDLE ? "middle" : "end")
                        .append('"');
                if (t.bold()) {
                    sb.append(" font-weight=\"bold\"");
                }
                if (t.rotate() != 0) {
                    sb.append(" transform=\"rotate(").append(t.rotate()).append(' ').append(n(t.x()))
                            .append(' ').append(n(t.y())).append(")\"");
                }
                sb.append('>').append(escape(t.text())).append("</text>\n");
            }
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static void points(StringBuilder sb, double[] xy) {
        for (int i = 0; i < xy.length; i += 2) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(n(xy[i])).append(',').append(n(xy[i + 1]));
        }
    }

    /** At most two decimals, no trailing zeros, locale independent. */
    static String n(double v) {
        long hundredths = Math.round(v * 100);
        String sign = hundredths < 0 ? "-" : "";
        long a = Math.abs(hundredths);
        long whole = a / 100;
        long frac = a % 100;
        if (frac == 0) {
            return sign + whole;
        }
        return frac % 10 == 0
                ? sign + whole + "." + (frac / 10)
                : sign + whole + "." + String.format(Locale.ROOT, "%02d", frac);
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\t') {
                        sb.append(' ');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
