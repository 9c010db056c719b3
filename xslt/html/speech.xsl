<?xml version="1.0" encoding="UTF-8"?>
<!--
  teikit HTML layer: transcriptions of speech (TEI "Transcriptions of Speech": parliamentary
  records such as ParlaMint, interviews, oral history). Each utterance (u) is a block headed
  by its speaker, named from @who: the person it points at (linked to its page when the
  edition's register has one), else the ID it names, else @who as written (some corpora
  write the speaker's name there). What happens around the words (pause, vocal, kinesic,
  incident, writing, shift) reads as a stage direction, in brackets: its description when it
  has one, else its @type. Speaker labels and types are teikit's (tk-generated): the word
  count of the text does not ask for them.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit:xslt"
    exclude-result-prefixes="#all">

  <xsl:template match="tei:u">
    <div class="tei-u">
      <xsl:call-template name="tk:id"/>
      <xsl:if test="normalize-space(@who)">
        <span class="u-speaker tk-generated"><xsl:call-template name="tk:who"/></span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- The speakers of @who: each pointer ("#id") as the name of what it points at (a link
       when it has a page), else the ID; @who without any pointer as written. -->
  <xsl:template name="tk:who">
    <xsl:variable name="who" select="normalize-space(@who)"/>
    <xsl:choose>
      <xsl:when test="not(contains($who, '#'))"><xsl:value-of select="$who"/></xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="tokenize($who)">
          <xsl:if test="position() gt 1"><xsl:text>, </xsl:text></xsl:if>
          <xsl:variable name="id" select="substring-after(., '#')"/>
          <xsl:variable name="entity" select="key('tk:id', $id, $tk:doc)[1]"/>
          <xsl:choose>
            <xsl:when test="$entity and tk:register-of($entity) != ''">
              <a class="u-who" href="{tk:entity-file($entity)}"><xsl:value-of select="tk:entity-name($entity)"/></a>
            </xsl:when>
            <xsl:when test="$entity"><xsl:value-of select="tk:entity-name($entity)"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="if ($id) then $id else ."/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What happens around the words: in brackets (drawn by the stylesheet), its description
       (desc) when it has one, else its type ("applause", "pause"); a pause's duration on hover. -->
  <xsl:template match="tei:pause | tei:vocal | tei:kinesic | tei:incident | tei:writing | tei:shift">
    <xsl:element name="{if (tk:holds-block(.)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="'tei-' || local-name() || ' tk-event'"/>
      <xsl:if test="@dur or @type or @new">
        <xsl:attribute name="title" select="string-join((@type, @dur, @new ! ('→ ' || .)), ', ')"/>
      </xsl:if>
      <xsl:call-template name="tk:id"/>
      <xsl:choose>
        <!-- its description (desc) is its text -->
        <!-- (not the white space indenting it: "( Applause. )") -->
        <xsl:when test="normalize-space()"><xsl:apply-templates select="(node() ! (if (self::tei:desc) then node() else .))
            [not(self::text()[not(normalize-space())])]"/></xsl:when>
        <xsl:otherwise>
          <span class="tk-generated"><xsl:value-of select="(@type, @new, local-name())[normalize-space()][1]"/></span>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

</xsl:stylesheet>
