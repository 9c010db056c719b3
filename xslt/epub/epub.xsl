<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI P5 → the files of an EPUB 3 publication (entry stylesheet).

  The EPUB is the HTML reading edition repackaged: this stylesheet imports the HTML entry
  (html/html.xsl, and through it the common layer and the one element layer, html/text.xsl,
  with its one list of handled elements) and overrides only what an EPUB needs:
    - page assembly: one XHTML content document per unit of the edition (common/units.xsl,
      the same units and file names as the HTML pages, with .xhtml), a title page and a
      register of the entities of standOff and the header;
    - EPUB semantics: epub:type and DPUB-ARIA roles on chapters, note references, endnotes,
      back-links and page breaks (xhtml.xsl);
    - links: every href is checked against what the book holds (xhtml.xsl), so the book never
      holds a dead link (an unreachable target keeps its text, unlinked);
    - the package files: package.opf and the navigation document (package.xsl).
  Notes that stand in a notes division (endnotes pointed at by ref or note/@target) stay there
  as EPUB endnotes, linked both ways; other notes are listed at the end of their unit.

  Writes, with xsl:result-document under the base output URI:
    EPUB/package.opf     package metadata (from the TEI header), manifest, spine
    EPUB/tk-nav.xhtml    navigation: contents, landmarks, page-list (printed pages)
    EPUB/text/*.xhtml    one file per unit, plus tk-title.xhtml (title page) and
                         tk-register.xhtml (persons, places, … outside the text) when there are any
  teikit.build.epub adds mimetype, META-INF/container.xml, the CSS and the images, and zips.

  Parameters (all strings; teikit.build.epub passes them):
    identifier  the package's unique identifier (urn:uuid:… derived from the edition's idno)
    modified    dcterms:modified, CCYY-MM-DDThh:mm:ssZ, from the edition's date (never the clock)
    css         path of the stylesheet inside EPUB/ (default css/epub.css)
    images      the local images (graphic/@url) teikit.build.epub packages under EPUB/images/,
                separated by spaces; any other graphic is shown as its label
    lean        render each file twice rather than hold the whole book (below)
    phase, index, shard, shards
                a large book made by several processes, each a share of the files
                (teikit.build.epub_shards; see $phase below)
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tk="urn:teikit:xslt"
  xmlns:epub="http://www.idpf.org/2007/ops"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:import href="../html/html.xsl"/>
  <!-- what only a package needs from the header (MARC roles, ISBN, rights) -->
  <xsl:import href="../common/header-metadata.xsl"/>
  <xsl:include href="xhtml.xsl"/>
  <xsl:include href="package.xsl"/>

  <xsl:param name="identifier" as="xs:string" select="'urn:uuid:00000000-0000-5000-8000-000000000000'"/>
  <xsl:param name="modified" as="xs:string" select="'1970-01-01T00:00:00Z'"/>
  <xsl:param name="css" as="xs:string" select="'css/epub.css'"/>
  <xsl:param name="images" as="xs:string" select="''"/>
  <!-- true: keep of each file only its ids (and whether it holds MathML), and render it again
       when it is written, rather than hold the whole book's content at once: the same bytes,
       less memory (10 MB of TEI: 355 -> 302 MiB), each file rendered twice (teikit sets it
       for large inputs: teikit.build.memory) -->
  <xsl:param name="lean" as="xs:boolean" select="false()"/>
  <!-- Shards (html/shards.xsl's $shard of $shards; teikit.build.epub_shards): a large book is
       made by several short-lived processes, each a share of its files, so no Saxon heap holds
       the garbage of the whole book, and every file is rendered once. $phase:
         ''         one process makes everything (the default);
         'render'   on the TEI: render this shard's files, write each one's content as it is
                    before links are resolved (parts/NAME.xml under the output folder), and give
                    as the principal output their facts and ids (an XML list, in reading order);
         'write'    with the merged index ($index, the lists of every shard), on any document
                    (the TEI is not read): write this shard's content files from their parts,
                    every link checked against the ids of the whole book;
         'package'  on the TEI, with $index: the package documents (OPF, navigation, cover) and
                    the messages about the whole document. -->
  <xsl:param name="phase" as="xs:string" select="''"/>
  <xsl:param name="index" as="xs:string" select="''"/>

  <xsl:output method="text"/>

  <!-- Content documents are .xhtml files (common/units.xsl names every unit file). -->
  <xsl:variable name="tk:page-ext" as="xs:string" select="'.xhtml'"/>

  <!-- dc:language must be a well-formed tag; 'und' (undetermined) when the TEI has none. -->
  <xsl:variable name="tk:lang" select="(tk:language()[matches(., '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$')], 'und')[1]"/>
  <xsl:variable name="tk:title" select="(tk:title()[normalize-space()], 'Untitled')[1]"/>
  <xsl:variable name="tk:packaged-images" as="xs:string*" select="tokenize($images)"/>

  <!-- ===== overrides of the HTML element layer ===== -->

  <!-- Entities outside the text are listed in the register file; names link there. -->
  <xsl:variable name="tk:register-entities" as="element()*" select="$tk:entities[not(ancestor::tei:text)]"/>
  <xsl:variable name="tk:has-register" select="exists($tk:register-entities)"/>
  <xsl:variable name="tk:entity-files" as="map(xs:string, xs:string)" select="map:merge(
      $tk:register-entities ! map{string(@xml:id): 'tk-register.xhtml#' || @xml:id}, map{'duplicates': 'use-first'})"/>
  <xsl:function name="tk:entity-file" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="($tk:entity-files(string($e/@xml:id)), tk:href-of-element($e), '')[1]"/>
  </xsl:function>

  <!--* Where an entity standing in the text is rendered (its register list in the text). -->
  <xsl:function name="tk:href-of-element" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="tk:unit-of($e) ! (tk:unit-file(.) || '#' || $e/@xml:id)"/>
  </xsl:function>

  <!--* A note is listed where it stands when it is an endnote (detached: something points at
        it), so that a notes division stays one; the HTML lists it beside its marker. -->
  <xsl:function name="tk:note-unit" as="element()?">
    <xsl:param name="note" as="element(tei:note)"/>
    <!-- a note standing in no unit (the standOff's, pointing at an anchor of the text) is its
         marker's: the book failed on it ("empty sequence ... tk:unit-anchor") -->
    <xsl:sequence select="(tk:unit-of($note), tk:unit-of(tk:markers($note)[1]))[1]"/>
  </xsl:function>

  <!--* The notes of a unit's markers that stand in no unit (the standOff's): listed at its end,
        as its inline notes are. -->
  <xsl:function name="tk:standoff-notes" as="element(tei:note)*">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="tk:shown-with($unit)//(tei:ref | tei:ptr | tei:anchor)[not(ancestor::tei:note)]
        ! tk:notes-of-marker(.)[empty(tk:unit-of(.))]"/>
  </xsl:function>

  <!--* The notes of a unit, numbered in this order: its inline notes and the endnotes standing in it. -->
  <xsl:function name="tk:unit-notes" as="element(tei:note)*">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="tk:shown-with($unit)//tei:note[tk:is-inline-note(.) or (tk:is-detached(.) and not(tk:is-continuation(.)))]
        | tk:standoff-notes($unit)"/>
  </xsl:function>

  <!--* The notes at the end of a unit: its inline notes (endnotes stand in their division). -->
  <xsl:function name="tk:listed-notes" as="element(tei:note)*">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="tk:shown-with($unit)//tei:note[tk:is-inline-note(.)] | tk:standoff-notes($unit)"/>
  </xsl:function>

  <!-- An endnote stands where it is, as an EPUB endnote. -->
  <xsl:template match="tei:note">
    <xsl:choose>
      <xsl:when test="tk:is-detached(.) and not(tk:is-continuation(.)) and not(ancestor::tei:note)
          and not(ancestor::*[self::tei:biblStruct or self::tei:bibl or self::tei:biblFull or self::tei:person
                              or self::tei:personGrp or self::tei:place or self::tei:org or self::tei:event])">
        <xsl:apply-templates select="." mode="tk:note-entry">
          <xsl:with-param name="element" select="'aside'"/>
        </xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise><xsl:apply-imports/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A printed page: a page-break marker for the page list. -->
  <xsl:template match="tei:pb">
    <xsl:choose>
      <xsl:when test="normalize-space(@n)">
        <span id="{tk:pb-id(.)}" epub:type="pagebreak" role="doc-pagebreak" aria-label="page {normalize-space(@n)}"
              class="tk-pb"><xsl:value-of select="normalize-space(@n)"/></span>
      </xsl:when>
      <xsl:otherwise><span id="{tk:pb-id(.)}" class="tk-pb"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An image: packaged when teikit.build.epub found it inside the edition's folder. -->
  <xsl:template match="tei:graphic">
    <xsl:variable name="desc" select="normalize-space(string-join(tei:desc, ' '))"/>
    <xsl:choose>
      <xsl:when test="@url = $tk:packaged-images">
        <img class="tei-graphic" src="../images/{@url}"
             alt="{($desc[.], normalize-space(string-join((../tei:figDesc, @url)[1], ' ')))[1]}">
          <xsl:if test="$desc"><xsl:attribute name="title" select="$desc"/></xsl:if>
        </img>
      </xsl:when>
      <xsl:otherwise>
        <span class="tei-graphic tk-generated" title="{tk:s('image-not-included')}: {@url}">[<xsl:value-of select="tk:s('image')"/>]</span>
        <xsl:for-each select="tei:desc[normalize-space()]">
          <xsl:text> </xsl:text><span class="tei-desc graphic-desc"><xsl:apply-templates/></span>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== page assembly ===== -->

  <!--
    The files of the book, in reading order, each a map:
      name     file name in text/ (without .xhtml)
      title    its title (and its entry in the table of contents)
      unit     the unit it renders (absent for the title page and the register)
      type     the EPUB structural semantics of the unit (epub:type), if any
      part     front, body or back (for landmarks)
      kind     cover, title, unit or register: how its content is made (tk:file-content)
      ids      the ids its content holds (xhtml.xsl resolves links with them)
      math     whether its content holds MathML (the manifest says so)
      svg      whether its content holds an SVG drawing (the manifest says so)
      content  its body content, in no namespace or XHTML (xhtml.xsl makes it XHTML);
               absent when $lean (made again when the file is written)
  -->
  <xsl:variable name="tk:files" as="map(*)*">
    <xsl:sequence select="tk:file(map{'name': 'tk-cover', 'title': tk:s('cover'), 'type': 'cover', 'part': 'front',
                                      'kind': 'cover'}, /)"/>
    <!-- the book's own title page when it has one (one title page, not two) -->
    <xsl:if test="empty($tk:own-title-page)">
      <xsl:sequence select="tk:file(map{'name': 'tk-title', 'title': $tk:title, 'type': 'titlepage', 'part': 'front',
                                        'kind': 'title'}, /)"/>
    </xsl:if>
    <xsl:for-each select="$tk:units">
      <xsl:sequence select="tk:file(map{'name': replace(tk:unit-file(.), '\.xhtml$', ''), 'title': tk:label(.),
          'unit': ., 'type': tk:semantics(.), 'part': local-name((ancestor-or-self::*[self::tei:front
              or self::tei:body or self::tei:back or self::tei:sourceDoc])[last()]),
          'kind': 'unit'}, .)"/>
    </xsl:for-each>
    <xsl:if test="$tk:has-register">
      <xsl:sequence select="tk:file(map{'name': 'tk-register', 'title': tk:s('register'), 'type': 'appendix', 'part': 'back',
                                        'kind': 'register'}, /)"/>
    </xsl:if>
  </xsl:variable>

  <!--* A file of the book: its facts, with the ids its content holds ('ids'), whether it holds
        MathML ('math') and, unless $lean, the content itself ('content'). -->
  <xsl:function name="tk:file" as="map(*)">
    <xsl:param name="facts" as="map(*)"/>
    <xsl:param name="context" as="node()"/>
    <xsl:choose>
      <!-- the ids the shards found, which $index gives -->
      <xsl:when test="$index">
        <xsl:variable name="indexed" select="$tk:indexed($facts('name'))"/>
        <xsl:sequence select="map:merge(($facts, map{'ids': $indexed/*:i ! string(.), 'math': $indexed/@math = 'true',
            'svg': $indexed/@svg = 'true'}))"/>
      </xsl:when>
      <!-- a shard renders its own files when it writes their parts -->
      <xsl:when test="$phase = 'render'"><xsl:sequence select="$facts"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="content" select="tk:file-content($facts, $context)"/>
        <xsl:sequence select="map:merge(($facts, tk:ids-and-math($content),
            if ($lean) then () else map{'content': $content}))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!--* The ids a file's content holds ('ids'), and whether it holds MathML ('math') or SVG
        drawn in the text ('svg'). -->
  <xsl:function name="tk:ids-and-math" as="map(*)">
    <xsl:param name="content" as="document-node()"/>
    <xsl:sequence select="map{'ids': $content//@id ! string(.),
        'math': exists($content//*[local-name() = 'math'][namespace-uri() = 'http://www.w3.org/1998/Math/MathML']),
        'svg': exists($content//*[local-name() = 'svg'][namespace-uri() = 'http://www.w3.org/2000/svg'])}"/>
  </xsl:function>

  <!-- The ids the navigation document asks for (package.xsl: $tk:pages, tk:toc-entries): the
       printed pages' and the divisions' (a shard's index keeps only these for the package). -->
  <xsl:variable name="tk:nav-ids" as="map(xs:string, xs:boolean)" select="map:merge((
      ($tk:doc//tei:text | $tk:doc//tei:sourceDoc)//tei:pb[normalize-space(@n)] ! map{tk:pb-id(.): true()},
      $tk:doc//*[matches(local-name(), '^div\d?$')]/@xml:id ! map{string(.): true()}), map{'duplicates': 'use-first'})"/>

  <!-- $index read: the book's files, in reading order (name, title, type, math; ids as i
       elements), and each file's entry by its name -->
  <xsl:variable name="tk:index-files" as="element()*" select="if ($index) then doc($index)/*/* else ()"/>
  <xsl:variable name="tk:indexed" as="map(xs:string, element())" select="map:merge(
      $tk:index-files ! map{string(@name): .}, map{'duplicates': 'use-first'})"/>

  <!--* The path of a file in the publication (what decides its shard: tk:my-file). -->
  <xsl:function name="tk:epub-path" as="xs:string">
    <xsl:param name="file" as="map(*)"/>
    <xsl:sequence select="'EPUB/text/' || $file('name') || '.xhtml'"/>
  </xsl:function>

  <!--* The body content of a file, made from its facts: in no namespace or XHTML (xhtml.xsl
        makes it XHTML). $context: the unit it renders, else the document. -->
  <xsl:function name="tk:file-content" as="document-node()">
    <xsl:param name="facts" as="map(*)"/>
    <xsl:param name="context" as="node()"/>
    <xsl:for-each select="$context">
      <xsl:document>
        <xsl:choose>
          <xsl:when test="$facts('kind') = 'cover'"><xsl:call-template name="tk:epub-cover"/></xsl:when>
          <xsl:when test="$facts('kind') = 'title'"><xsl:call-template name="tk:epub-title-page"/></xsl:when>
          <xsl:when test="$facts('kind') = 'register'"><xsl:call-template name="tk:epub-register"/></xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="tk:unit-article"><xsl:with-param name="unit" select="."/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:document>
    </xsl:for-each>
  </xsl:function>

  <!-- The units' files (what the contents and the spine list after the title page). -->
  <xsl:variable name="tk:chunks" as="map(*)*" select="$tk:files[exists(.('unit'))]"/>
  <!-- The book's own title page and printed contents, when its units have them. -->
  <xsl:variable name="tk:own-title-page" as="element()?" select="$tk:units[tk:semantics(.) = 'titlepage'][1]"/>
  <xsl:variable name="tk:own-contents" as="element()?" select="$tk:units[tk:semantics(.) = 'toc'][1]"/>
  <!--* The file of the title page: the book's own, else the generated one. -->
  <xsl:function name="tk:title-page-file" as="xs:string">
    <xsl:sequence select="if (exists($tk:own-title-page)) then tk:unit-file($tk:own-title-page) else 'tk-title.xhtml'"/>
  </xsl:function>

  <!--* EPUB structural semantics (epub:type) for a unit, from its division type. -->
  <xsl:function name="tk:semantics" as="xs:string?">
    <xsl:param name="unit" as="element()"/>
    <xsl:variable name="t" select="lower-case($unit/@type)"/>
    <xsl:variable name="epub" select="map {
      'chapter': 'chapter', 'introduction': 'introduction', 'preface': 'preface', 'conclusion': 'conclusion',
      'appendix': 'appendix', 'notes': 'endnotes', 'bibliography': 'bibliography', 'index': 'index',
      'titlepage': 'titlepage', 'contents': 'toc', 'postscript': 'afterword', 'epilogue': 'epilogue',
      'prologue': 'prologue', 'foreword': 'foreword', 'dedication': 'dedication', 'glossary': 'glossary' }"/>
    <xsl:sequence select="if ($t and map:contains($epub, $t)) then $epub($t) else ()"/>
  </xsl:function>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="$phase = 'render'">
        <!-- the principal output: the book's language and title, then each file's facts, each
             element serialized on its own (teikit.build.epub_shards merges them) -->
        <xsl:variable name="book" as="element()"><book lang="{$tk:lang}" title="{$tk:title}"/></xsl:variable>
        <xsl:value-of select="serialize($book, map{'method': 'xml', 'omit-xml-declaration': true()})"/>
        <xsl:for-each select="$tk:files">
          <xsl:variable name="file" select="."/>
          <xsl:if test="tk:my-file(tk:epub-path($file))">
            <xsl:variable name="content" select="tk:file-content($file, ($file('unit'), $tk:doc)[1])"/>
            <xsl:variable name="found" select="tk:ids-and-math($content)"/>
            <xsl:result-document href="parts/{$file('name')}.xml" method="xml" indent="no" encoding="UTF-8">
              <xsl:sequence select="$content"/>
            </xsl:result-document>
            <xsl:variable name="facts" as="element()">
              <file n="{position()}" name="{$file('name')}" title="{$file('title')}" math="{$found('math')}" svg="{$found('svg')}">
                <xsl:if test="exists($file('type'))"><xsl:attribute name="type" select="$file('type')"/></xsl:if>
                <!-- its ids (nav: one the navigation document may ask for: a page's or a division's) -->
                <xsl:for-each select="$found('ids')">
                  <i><xsl:if test="map:contains($tk:nav-ids, .)"><xsl:attribute name="nav" select="1"/></xsl:if>
                    <xsl:value-of select="."/></i>
                </xsl:for-each>
                <!-- the fragments its links point at: the only ids a content file asks for -->
                <xsl:for-each select="distinct-values($content//@href[contains(., '#')] ! substring-after(., '#'))">
                  <w><xsl:value-of select="."/></w>
                </xsl:for-each>
              </file>
            </xsl:variable>
            <xsl:value-of select="serialize($facts, map{'method': 'xml', 'omit-xml-declaration': true()})"/>
          </xsl:if>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$phase = 'write'">
        <xsl:variable name="book" select="$tk:index-files[1]/.."/>
        <xsl:for-each select="$tk:index-files[tk:my-file('EPUB/text/' || @name || '.xhtml')]">
          <xsl:call-template name="tk:epub-file">
            <xsl:with-param name="file" select="map{'name': string(@name), 'title': string(@title), 'type': @type ! string(.)}"/>
            <xsl:with-param name="content" select="doc(resolve-uri('parts/' || @name || '.xml', $index))"/>
            <xsl:with-param name="lang" select="string($book/@lang)"/>
            <xsl:with-param name="book-title" select="string($book/@title)"/>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tk:report-unhandled"/>
        <xsl:if test="empty($tk:units)">
          <xsl:message select="'warning|epub.no-text|the document has no TEI text (front, body or back); only the title page is built'"/>
        </xsl:if>
        <xsl:if test="$phase != 'package'">
          <xsl:for-each select="$tk:files">
            <xsl:call-template name="tk:epub-file"><xsl:with-param name="file" select="."/></xsl:call-template>
          </xsl:for-each>
        </xsl:if>
        <xsl:call-template name="tk:epub-cover-image"/>
        <xsl:call-template name="tk:nav"/>
        <xsl:call-template name="tk:opf"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One XHTML content document. -->
  <xsl:template name="tk:epub-file">
    <xsl:param name="file" as="map(*)"/>
    <!-- its content as rendered (by a shard, read back from its part), else rendered now -->
    <xsl:param name="content" as="document-node()" select="if (map:contains($file, 'content')) then $file('content')
        else tk:file-content($file, ($file('unit'), $tk:doc)[1])"/>
    <xsl:param name="lang" as="xs:string" select="$tk:lang"/>
    <xsl:param name="book-title" as="xs:string" select="$tk:title"/>
    <xsl:result-document href="EPUB/text/{$file('name')}.xhtml" method="xhtml" html-version="5" indent="no"
                         encoding="UTF-8" omit-xml-declaration="no">
      <html lang="{$lang}" xml:lang="{$lang}">
        <xsl:if test="tk:direction($lang) = 'rtl'"><xsl:attribute name="dir" select="'rtl'"/></xsl:if>
        <head>
          <meta charset="utf-8"/>
          <title><xsl:value-of select="($file('title')[normalize-space()], $book-title)[1]"/></title>
          <link rel="stylesheet" type="text/css" href="../{$css}"/>
        </head>
        <body>
          <xsl:apply-templates select="$content/node()" mode="tk:xhtml">
            <xsl:with-param name="file" select="$file('name') || '.xhtml'" tunnel="yes"/>
            <xsl:with-param name="semantics" select="$file('type')" tunnel="yes"/>
          </xsl:apply-templates>
        </body>
      </html>
    </xsl:result-document>
  </xsl:template>

  <!-- The cover: an image made from the metadata (title, subtitle, authors), so every book
       has one; its text is said again as the image's alternative text. -->
  <xsl:template name="tk:epub-cover">
    <section epub:type="cover" class="tk-cover">
      <img src="../tk-cover.svg" role="doc-cover"
           alt="{string-join(($tk:title, tk:subtitle()[normalize-space()], tk:author-elements(/) ! tk:display-name(.)), '. ')}"/>
    </section>
  </xsl:template>

  <!-- The cover image: the title broken into lines of about 22 characters, then the
       subtitle and the authors, on a plain ground (deterministic: no clock, no font file). -->
  <xsl:template name="tk:epub-cover-image">
    <xsl:variable name="lines" select="tk:wrap($tk:title, 22)"/>
    <xsl:variable name="sub" select="tk:subtitle()[normalize-space()] ! tk:wrap(., 34)"/>
    <xsl:variable name="authors" select="tk:author-elements(/) ! tk:display-name(.)"/>
    <xsl:result-document href="EPUB/tk-cover.svg" method="xml" indent="no" encoding="UTF-8">
      <svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 600 900" width="600" height="900">
        <title><xsl:value-of select="$tk:title"/></title>
        <rect width="600" height="900" fill="#1f3a4d"/>
        <rect x="30" y="30" width="540" height="840" fill="none" stroke="#e8d9b0" stroke-width="3"/>
        <xsl:for-each select="$lines">
          <text x="300" y="{200 + 58 * (position() - 1)}" font-family="Georgia, serif" font-size="44"
                fill="#ffffff" text-anchor="middle"><xsl:value-of select="."/></text>
        </xsl:for-each>
        <xsl:for-each select="$sub">
          <text x="300" y="{240 + 58 * count($lines) + 36 * (position() - 1)}" font-family="Georgia, serif"
                font-size="26" font-style="italic" fill="#e8d9b0" text-anchor="middle"><xsl:value-of select="."/></text>
        </xsl:for-each>
        <xsl:for-each select="$authors">
          <text x="300" y="{760 + 40 * (position() - 1) - 40 * (count($authors) - 1)}" font-family="Georgia, serif"
                font-size="30" fill="#ffffff" text-anchor="middle"><xsl:value-of select="."/></text>
        </xsl:for-each>
      </svg>
    </xsl:result-document>
  </xsl:template>

  <!--* Words of $text in lines of at most $width characters (a longer word has its own line). -->
  <xsl:function name="tk:wrap" as="xs:string*">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="width" as="xs:integer"/>
    <xsl:iterate select="tokenize(normalize-space($text))">
      <xsl:param name="line" as="xs:string" select="''"/>
      <xsl:on-completion><xsl:sequence select="$line[. != '']"/></xsl:on-completion>
      <xsl:choose>
        <xsl:when test="$line = ''"><xsl:next-iteration><xsl:with-param name="line" select="."/></xsl:next-iteration></xsl:when>
        <xsl:when test="string-length($line) + 1 + string-length(.) le $width">
          <xsl:next-iteration><xsl:with-param name="line" select="$line || ' ' || ."/></xsl:next-iteration>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="$line"/>
          <xsl:next-iteration><xsl:with-param name="line" select="."/></xsl:next-iteration>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:iterate>
  </xsl:function>

  <xsl:template name="tk:epub-title-page">
    <section epub:type="titlepage" class="tk-titlepage">
      <h1 epub:type="title"><xsl:value-of select="$tk:title"/></h1>
      <xsl:for-each select="tk:subtitle()[normalize-space()]">
        <p epub:type="subtitle" role="doc-subtitle" class="tk-subtitle"><xsl:value-of select="."/></p>
      </xsl:for-each>
      <xsl:for-each select="tk:author-elements(/)">
        <p class="tk-author"><xsl:value-of select="tk:display-name(.)"/></p>
      </xsl:for-each>
      <xsl:for-each select="tk:contributors(/)">
        <p class="tk-contributor">
          <xsl:value-of select="string-join(.('roles') ! tk:role-name(.), ', ') || ': ' || .('name')"/>
        </p>
      </xsl:for-each>
      <xsl:for-each select="tk:publisher(/)">
        <p class="tk-publisher"><xsl:value-of select="."/></p>
      </xsl:for-each>
      <xsl:for-each select="tk:rights(/)">
        <p class="tk-rights"><small><xsl:value-of select="."/></small></p>
      </xsl:for-each>
    </section>
  </xsl:template>

  <xsl:function name="tk:role-name" as="xs:string">
    <xsl:param name="code" as="xs:string"/>
    <!-- (the interface's words: units.xsl, strings.xsl) -->
    <xsl:sequence select="string(($tk:labels('role-' || $code), $code)[1])"/>
  </xsl:function>

  <!-- The register: persons, organisations, places and events (common layer: tk:register,
       filed by surname), the targets of name links. -->
  <xsl:template name="tk:epub-register">
    <section epub:type="appendix" role="doc-appendix" class="tk-register">
      <h1><xsl:value-of select="tk:s('register')"/></h1>
      <xsl:for-each select="$tk:register-kinds">
        <xsl:variable name="entities" select="tk:register(.)[. intersect $tk:register-entities]"/>
        <xsl:if test="$entities">
          <section id="tk-register-{.}">
            <h2><xsl:value-of select="tk:s(.)"/></h2>
            <ul>
              <xsl:for-each select="$entities">
                <li id="{@xml:id}">
                  <xsl:call-template name="tk:epub-register-entry"/>
                </li>
              </xsl:for-each>
            </ul>
          </section>
        </xsl:if>
      </xsl:for-each>
    </section>
  </xsl:template>

  <xsl:template name="tk:epub-register-entry">
    <xsl:choose>
      <!-- a work of a bibliography register: its citation as written, and the documents citing it -->
      <xsl:when test="tk:register-of(.) = 'works'">
        <!-- a div when the entry holds a block (a figure: PMB's works show a cover) -->
          <xsl:element name="{if (exists(*[tk:is-block(.)])) then 'div' else 'span'}">
            <xsl:attribute name="class" select="'work-citation'"/>
            <xsl:apply-templates select="node()"/>
          </xsl:element>
        <xsl:variable name="citing" select="tk:citations(.)"/>
        <xsl:if test="exists($citing)">
          <span class="mentions">
            <xsl:text> — </xsl:text>
            <xsl:value-of select="tk:s('cited-in')"/>
            <xsl:text>: </xsl:text>
            <xsl:for-each-group select="$citing" group-by="generate-id(tk:mention-unit(.))">
              <xsl:if test="position() gt 1">, </xsl:if>
              <a href="{tk:unit-file(tk:mention-unit(.))}"><xsl:value-of select="tk:label(tk:mention-unit(.))"/></a>
              <xsl:if test="count(current-group()) gt 1"> (<xsl:value-of select="count(current-group())"/>)</xsl:if>
            </xsl:for-each-group>
          </span>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="tk:epub-entity-entry"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="tk:epub-entity-entry">
    <b><xsl:value-of select="tk:entity-name(.)"/></b>
    <xsl:variable name="others" select="tk:other-names(.)[normalize-space()]"/>
    <xsl:if test="$others">
      <xsl:text> (</xsl:text>
      <xsl:value-of select="string-join($others ! (tk:plain(.) || (@type ! (', ' || .))), '; ')"/>
      <xsl:text>)</xsl:text>
    </xsl:if>
    <!-- an entry of a register file given apart says all it holds (its dates, its location,
         ...): the book is the one place it is read, and the text check counts its words -->
    <xsl:variable name="apart" select="tk:from-register-file(.)"/>
    <xsl:if test="$apart and tk:entity-dates(.)">
      <xsl:text> </xsl:text><span class="entity-dates"><xsl:value-of select="tk:entity-dates(.)"/></span>
    </xsl:if>
    <xsl:for-each select="if ($apart) then (* except (tk:main-name(.), tk:other-names(.)))[normalize-space()]
        else tei:note[not(@type = 'indexing')] | tei:desc | tei:birth | tei:death | tei:occupation">
      <xsl:text> — </xsl:text>
      <!-- a div when it holds paragraphs (a biography: <note><p>…</p></note>), which no span may hold -->
      <xsl:element name="{if (exists(*[tk:is-block(.)])) then 'div' else 'span'}">
        <xsl:attribute name="class" select="'tei-' || local-name()"/>
        <xsl:apply-templates/>
      </xsl:element>
    </xsl:for-each>
    <!-- back to the text: the first mention in each unit that names it, with a count -->
    <xsl:variable name="mentions" select="tk:text-mentions(.)"/>
    <xsl:if test="exists($mentions)">
      <span class="mentions">
        <xsl:text> — </xsl:text>
        <xsl:value-of select="tk:s('mentioned')"/>
        <xsl:text>: </xsl:text>
        <xsl:for-each-group select="$mentions" group-adjacent="generate-id(tk:mention-unit(.))">
          <xsl:if test="position() gt 1">, </xsl:if>
          <a href="{tk:unit-file(tk:mention-unit(.))}#{tk:mention-id(.)}"><xsl:value-of select="tk:label(tk:mention-unit(.))"/></a>
          <xsl:if test="count(current-group()) gt 1"> (<xsl:value-of select="count(current-group())"/>)</xsl:if>
        </xsl:for-each-group>
      </span>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
