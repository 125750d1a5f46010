package org.chartecookies.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.stereotype.Controller;

/**
 * A controller of HTML pages. Each of its models gets the page's context, the site and the banner (the consent
 * package's advice), and its renderings are kept by {@link RenderedPages}: so its model must depend on nothing but
 * that context (the site as loaded, the page, the language, the visitor's consent state). So must its choice of view and
 * of status: once a page has been rendered for an address and a context, {@link RenderedPages} answers the same
 * address and context again without asking the controller, whatever else the query holds. JSON endpoints and the
 * banner fragment endpoint are plain controllers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface PageController {

}
