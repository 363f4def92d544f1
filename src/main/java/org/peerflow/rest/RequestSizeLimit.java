package org.peerflow.rest;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * A request body larger than {@code peerflow.rest.max-request-bytes} (default 5 MB: a deployment of
 * every model is well under 1 MB) is refused with 413 before the engine sees it, whether it
 * announces its length or streams it in chunks. Tomcat limits only form posts by itself.
 */
@Configuration(proxyBeanMethods = false)
class RequestSizeLimit {

  @Bean
  FilterRegistrationBean<Filter> restRequestSizeLimit(
      @Value("${peerflow.rest.max-request-bytes:5242880}") long limit) {
    FilterRegistrationBean<Filter> registration =
        new FilterRegistrationBean<>(new LimitFilter(limit));
    registration.setName("peerflow-rest-size-limit");
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  static final class TooLarge extends IOException {
    TooLarge() {
      super("request body too large");
    }
  }

  static final class LimitFilter implements Filter {
    private final long limit;

    LimitFilter(long limit) {
      this.limit = limit;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
        throws IOException, ServletException {
      HttpServletRequest request = (HttpServletRequest) req;
      HttpServletResponse response = (HttpServletResponse) res;
      if (request.getContentLengthLong() > limit) {
        refuse(response);
        return;
      }
      try {
        chain.doFilter(new Limited(request, limit), response);
      } catch (IOException | ServletException | RuntimeException e) {
        if (Causes.find(e, TooLarge.class) != null && !response.isCommitted()) {
          response.reset();
          refuse(response);
        } else {
          throw e;
        }
      }
    }

    private void refuse(HttpServletResponse response) throws IOException {
      response.setStatus(413);
      response.setContentType("application/json");
      response
          .getWriter()
          .write("{\"type\":\"PayloadTooLarge\",\"message\":\"The request body is larger than "
              + limit + " bytes; nothing was changed.\"}");
    }
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream = new ServletInputStream() {
          private long read;

          private int count(int n) throws IOException {
            if (n > 0 && (read += n) > limit) {
              throw new TooLarge();
            }
            return n;
          }

          @Override
          public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
              count(1);
            }
            return b;
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            return count(in.read(b, off, len));
          }

          @Override
          public boolean isFinished() {
            return in.isFinished();
          }

          @Override
          public boolean isReady() {
            return in.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
          }
        };
      }
      return stream;
    }
  }
}
