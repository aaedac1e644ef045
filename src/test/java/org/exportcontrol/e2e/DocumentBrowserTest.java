package org.exportcontrol.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.openqa.selenium.JavascriptExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A document an exporter's system uploads through the API is opened by a reviewer from Tasklist
 * (issue 16, 14; ADR 0027): the link the forms show ({@code documentLinks}) leads to the download,
 * which the Tasklist session opens without a second login, and which nobody opens without one.
 */
class DocumentBrowserTest extends BrowserTest {

  /** fetch() from the page, as a link in a form is followed: with the page's cookies, never a password. */
  private static final String FETCH = """
      const done = arguments[arguments.length - 1];
      fetch(arguments[0], {credentials: 'same-origin'}).then(async r => {
        const bytes = new Uint8Array(await r.arrayBuffer());
        done({status: r.status, type: r.headers.get('Content-Type'),
              disposition: r.headers.get('Content-Disposition'), size: bytes.length});
      }).catch(e => done({status: -1, type: String(e)}));""";

  @Test
  void aDocumentUploadedThroughTheApiIsOpenedFromTasklistWithTheReviewersSession() throws IOException {
    Case application = submitApplication("DE");
    byte[] png = picture("Technical specification of Interceptor X");
    String documentId = upload(application.id(), "TECHNICAL_SPECIFICATION", "spec sheet.png", png);
    String path = "/api/applications/" + application.id() + "/documents/" + documentId;
    Browser browser = browser("scenario-document-opened-from-tasklist");

    // not logged in: the browser's cookies do not open the link (asked in Java: in the page, the
    // answer's Basic challenge would hold the request for a password dialog that headless never shows)
    Tasklist tasklist = new Tasklist(browser, baseUrl());
    browser.open(baseUrl() + "/camunda/app/tasklist/default/");
    assertThat(withCookiesOf(browser, path)).isEqualTo(401);

    tasklist.logIn("tech", "Tess Technical").openFilter("Technical reviewers: my group's tasks");
    tasklist.openTask("Technical review", application.reference());
    String taskId = driver.task(application.processInstanceId(), "technicalReview").getId();
    // the session's cookie alone opens it, outside the page too, and leaves the session as it was
    assertThat(withCookiesOf(browser, path)).as("the Tasklist session's cookie alone").isEqualTo(200);

    // the link the forms render, read the way Tasklist reads a form's variables
    Map<String, Object> variables = script(browser, """
        const done = arguments[arguments.length - 1];
        fetch('/camunda/api/engine/engine/default/task/' + arguments[0]
            + '/form-variables?variableNames=documentLinks', {credentials: 'same-origin'})
          .then(r => r.json()).then(v => done({links: v.documentLinks.value}));""", taskId);
    String links = (String) variables.get("links");
    assertThat(links).isEqualTo("- [Technical specification: spec sheet\\.png](" + path + ")");
    Matcher link = Pattern.compile("\\]\\(([^)]+)\\)").matcher(links);
    assertThat(link.find()).isTrue();

    // followed with the session: the file as uploaded
    Map<String, Object> opened = fetch(browser, link.group(1));
    assertThat(opened).containsEntry("status", 200L).containsEntry("type", "image/png")
        .containsEntry("disposition", "attachment; filename=\"spec_sheet.png\"").containsEntry("size", (long) png.length);

    // show the link as the form will, and the file it opened, for the screenshot
    Map<String, Object> shown = script(browser, """
        const done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.blob()).then(blob => {
          const panel = document.createElement('div');
          panel.id = 'document-check';
          panel.style = 'position:fixed;top:70px;right:20px;z-index:9999;background:#fff;border:2px solid #2a6;'
              + 'padding:12px;font:14px sans-serif;box-shadow:0 2px 8px #0004';
          const a = document.createElement('a');
          a.href = arguments[0];
          a.textContent = 'Technical specification: spec sheet.png';
          const note = document.createElement('p');
          note.textContent = 'Opened with the Tasklist session of tech: ' + blob.type + ', ' + blob.size + ' bytes';
          const img = document.createElement('img');
          img.style = 'display:block;margin-top:8px;border:1px solid #ccc';
          img.onload = () => done({shown: true});
          img.onerror = () => done({shown: false});
          panel.append(a, note, img);
          document.body.append(panel);
          // a data: address: Tasklist's content security policy allows no blob: images
          const reader = new FileReader();
          reader.onload = () => { img.src = reader.result; };
          reader.readAsDataURL(blob);
        });""", path);
    assertThat(shown).as("the picture shown").containsEntry("shown", true);
    browser.find(org.openqa.selenium.By.cssSelector("#document-check img"), "the opened document");
    browser.screenshot("scenario-document-opened-from-tasklist");

    // another company's document is not found for them, and after logging out the link is closed again
    script(browser, "document.getElementById('document-check').remove(); arguments[arguments.length - 1]({});");
    tasklist.logOut();
    assertThat(withCookiesOf(browser, path)).isEqualTo(401);
    assertThat(as("exporter2").exchange(path, HttpMethod.GET, null, byte[].class).getStatusCode().value())
        .isEqualTo(404);
  }

  /** The status of a GET with the browser's cookies for this site and no password, as a link is followed. */
  private int withCookiesOf(Browser browser, String path) {
    String cookies = browser.until(d -> d.manage().getCookies().stream()
        .map(c -> c.getName() + "=" + c.getValue()).reduce((a, b) -> a + "; " + b).orElse(""), "the cookies");
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.COOKIE, cookies);
    return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), byte[].class).getStatusCode().value();
  }

  private Map<String, Object> fetch(Browser browser, String path) {
    return script(browser, FETCH, path);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> script(Browser browser, String script, Object... args) {
    return browser.until(d -> (Map<String, Object>) ((JavascriptExecutor) d).executeAsyncScript(script, args),
        "the script's answer");
  }

  private String upload(String applicationId, String kind, String fileName, byte[] content) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("kind", kind);
    parts.add("file", new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return fileName;
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    ResponseEntity<Map<String, Object>> response = as("exporter").exchange(
        "/api/applications/" + applicationId + "/documents", HttpMethod.POST, new HttpEntity<>(parts, headers),
        new ParameterizedTypeReference<>() {});
    assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(201);
    return (String) response.getBody().get("documentId");
  }

  /** A small real picture, so that the screenshot shows the file that was opened. */
  private static byte[] picture(String text) throws IOException {
    BufferedImage image = new BufferedImage(420, 90, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(0xf4, 0xf7, 0xfb));
    g.fillRect(0, 0, 420, 90);
    g.setColor(new Color(0x1f, 0x4e, 0x79));
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(text, 16, 38);
    g.drawString("Uploaded by the exporter's system", 16, 66);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
